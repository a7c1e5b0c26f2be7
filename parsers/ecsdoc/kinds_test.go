package ecsdoc

import (
	"bytes"
	"testing"
)

var namings = [...]struct {
	names TypeNames
	title string
}{{CloudFormation, "CloudFormation"}, {Terraform, "Terraform"}}

// Every kind has a type in some naming, and a type names one kind: a type
// listed under two kinds would be read as whichever came last.
func TestResourceTypesAreOneList(t *testing.T) {
	for _, kind := range Kinds() {
		n := 0
		for _, ns := range namings {
			for _, typ := range Types(ns.names, kind) {
				n++
				if got := KindOf(ns.names, typ); got != kind {
					t.Errorf("%s type %s: KindOf = %d, want %d (listed under two kinds?)", ns.title, typ, got, kind)
				}
			}
		}
		if n == 0 {
			t.Errorf("kind %d has no type in any naming", kind)
		}
	}
	if len(Kinds()) != int(kindCount)-1 {
		t.Errorf("Kinds() has %d kinds, want %d", len(Kinds()), kindCount-1)
	}
	for _, ns := range namings {
		if k := KindOf(ns.names, ""); k != 0 {
			t.Errorf("%s: the empty type is kind %d", ns.title, k)
		}
	}
	if k := KindOf(CloudFormation, "aws_ecs_service"); k != 0 {
		t.Errorf("a Terraform type read as a CloudFormation one: kind %d", k)
	}
	if k := KindOf(CloudFormation, "AWS::S3::Bucket"); k != 0 {
		t.Errorf("AWS::S3::Bucket is kind %d", k)
	}
}

// The sniff words let no type through unparsed, and none is dead weight
// (each makes more files parsed, for nothing).
func TestSniffWordsCoverTypes(t *testing.T) {
	for _, ns := range namings {
		words := SniffWords(ns.names)
		used := make([]bool, len(words))
		for _, kind := range Kinds() {
			for _, typ := range Types(ns.names, kind) {
				found := false
				for i, w := range words {
					if bytes.Contains([]byte(typ), w) {
						found, used[i] = true, true
					}
				}
				if !found {
					t.Errorf("%s type %s contains no sniff word: files declaring only it are never parsed", ns.title, typ)
				}
			}
		}
		for i, w := range words {
			if !used[i] {
				t.Errorf("%s sniff word %q is in no type ecslint reads", ns.title, w)
			}
		}
	}
}

// Callers own what they are given: the list itself cannot be changed
// through them.
func TestListsAreCopies(t *testing.T) {
	Types(CloudFormation, KindService)[0] = "AWS::S3::Bucket"
	if got := Types(CloudFormation, KindService)[0]; got != "AWS::ECS::Service" {
		t.Errorf("Types returned the list itself: now %q", got)
	}
	SniffWords(Terraform)[0][0] = 'X'
	if got := string(SniffWords(Terraform)[0]); got != "aws_ecs_" {
		t.Errorf("SniffWords returned the list itself: now %q", got)
	}
}
