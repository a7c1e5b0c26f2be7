package rules

import (
	"fmt"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type unpinnedImage struct{}

var unpinnedImageMeta = lint.Meta{
	ID:       "ECS014",
	Name:     "unpinned-image",
	Severity: lint.Low,
	Summary:  "Container images should be pinned to a tag other than latest, or to a digest.",
	Rationale: "An image without a tag means `latest`, which changes under the task: two tasks of one revision " +
		"can run different code, a rollback does not roll back, and a compromised registry push reaches " +
		"production on the next task start.",
	Remediation: "Reference a version tag (`nginx:1.27.3`) or, better, a digest (`nginx@sha256:...`). Pipelines " +
		"that fill the image in (placeholders such as `<IMAGE1_NAME>` or `${...}`) are not reported. An image built " +
		"from parts ecslint cannot know (`!Sub \"${Repo}:latest\"`, `\"${var.repo}:latest\"`, a `Fn::Join`) is judged " +
		"by its text after the last unknown part: `:latest` there, or a last path component without a tag " +
		"(`${Registry}/app`), is reported; where the unknown part may hold the tag (`${Repo}`, `app:${Tag}`) it is not, " +
		"and `--verbose` lists it as a note.",
	Reads: lint.TaskDefinitions,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad:  jsonTask(`{"name": "app", "image": "localhost:5000/app"}`),
				Good: jsonTask(`{"name": "app", "image": "localhost:5000/app:2.4.1"}`)},
			{Format: "cloudformation",
				Bad:  cfnTask("        - Name: app\n          Image: public.ecr.aws/nginx/nginx:latest\n"),
				Good: cfnTask("        - Name: app\n          Image: public.ecr.aws/nginx/nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31\n")},
			{Format: "terraform",
				Bad:  tfTask(`{ name = "app", image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:latest" }`),
				Good: tfTask(`{ name = "app", image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:2.4.1" }`)},
		}
	},
}

func (unpinnedImage) Meta() *lint.Meta { return &unpinnedImageMeta }

// imageTag returns an image reference's tag ("" for none) and whether it is
// pinned to a digest. The tag is after the last colon of the last path
// component, so a registry's host:port is not mistaken for one.
func imageTag(ref string) (tag string, digest bool) {
	if i := strings.Index(ref, "@"); i >= 0 {
		return "", true
	}
	last := ref[strings.LastIndex(ref, "/")+1:]
	if i := strings.LastIndex(last, ":"); i >= 0 {
		return last[i+1:], false
	}
	return "", false
}

// patternTag judges an image reference only partly known by the text
// after its last unknown part: "${Repo}:latest" has the tag latest,
// "${Registry}/app" no tag, "${Repo}@sha256:..." a digest; but in
// "${Repo}", "app:${Tag}" or "${Name}app" the unknown part may hold the
// tag, and ok is false.
func patternTag(tail string) (tag string, digest, ok bool) {
	if strings.Contains(tail, "@") {
		return "", true, true
	}
	if i := strings.LastIndex(tail, "/"); i >= 0 {
		// The last path component is known whole.
		tag, _ = imageTag(tail[i:])
		return tag, false, true
	}
	if i := strings.LastIndex(tail, ":"); i >= 0 {
		return tail[i+1:], false, true
	}
	return "", false, false
}

func (unpinnedImage) Check(p *lint.Pass) {
	p.Unit.EachContainer(func(td *lint.TaskDefinition, c *lint.Container) {
		for _, v := range c.Image.Possible() {
			ref := strings.TrimSpace(v.V)
			var tag string
			var digest bool
			switch pat := v.Pattern(); {
			case v.State == lint.Unknown && pat != nil:
				var ok bool
				if tag, digest, ok = patternTag(pat.Tail); !ok {
					p.Notef(v.Range, "the tag of the image %q of container %s is not known offline; whether it is pinned is not checked",
						pat.Text, quote(c.DisplayName()))
					continue
				}
				ref = pat.Text
			case v.State == lint.Unknown:
				p.Notef(v.Range, "the image of container %s is not known offline; whether it is pinned is not checked", quote(c.DisplayName()))
				continue
			case !v.Known() || ref == "" || placeholder(ref):
				continue
			default:
				tag, digest = imageTag(ref)
			}
			if digest || (tag != "" && tag != "latest") {
				continue
			}
			msg := fmt.Sprintf("container %q uses image %q without a tag, which means latest", c.DisplayName(), ref)
			if tag == "latest" {
				msg = fmt.Sprintf("container %q uses the latest tag of image %q", c.DisplayName(), ref)
			}
			p.Report(containerFinding(td, c, v.Range, "image", msg))
			return
		}
	})
}
