// Package custom compiles organisation rules written in CEL (the
// custom-rules of .ecslint.yaml) into lint.Rules, which then get
// everything built-in rules get: suppressions, baselines, severity
// overrides, --enable/--disable, SARIF descriptors, the catalogue.
//
// Nothing here runs at package initialisation: the CEL environments are
// built on the first Compile, which only a config with custom-rules
// calls, so a run without them pays nothing but cel-go's own package
// initialisation (see docs/custom-rules.md#cost).
package custom

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/ext"

	"github.com/ecslint/ecslint/lint"
)

// Limits on a rule pack, which may come from anyone who can open a pull
// request. CEL has no loops or recursion: a condition's cost is bounded by
// its size and the sizes of the lists it iterates, so these bound the time
// a run spends on it.
const (
	// maxExpressionSize bounds a condition's text, in code points.
	maxExpressionSize = 4096
	// maxNesting bounds the parser's recursion.
	maxNesting = 64
	// costLimit is CEL's cost budget of one evaluation, checked against
	// the static estimate at load time and enforced at run time. A
	// condition over every environment variable of a container is a few
	// thousand; one comparing every pair of 1,000 values is a million.
	costLimit = 1_000_000
	// assumedListSize is the size the static estimate assumes for a list
	// (ECS allows 10 containers, environment lists are long but rarely
	// past a few hundred entries).
	assumedListSize = 1000
	// maxChoices bounds the combinations of Fn::If alternatives one
	// evaluation considers, as the CloudFormation parser bounds a value's.
	maxChoices = 256
)

// kind is a resource kind a rule can run on.
type kind struct {
	name string
	// vars are the variables the kind's conditions see, with their types.
	vars []variable
	// reads is what the kind needs of the model.
	reads lint.Elements
	// each calls fn with the view of every resource of the kind in u.
	each func(u *lint.Unit, fn func(subject))
}

type variable struct {
	name string
	typ  any // a view struct
	doc  string
}

// subject is one resource a rule is evaluated on.
type subject struct {
	v *view
	// alias maps a variable (container) to the path it stands for in
	// another (task.containerDefinitions[1]), for unknown values and
	// positions.
	alias     map[string]path
	resource  lint.Resource
	extent    lint.Range
	container string
	// name is what the finding is about, for notes.
	name string
}

var (
	resourceVar = variable{"resource", &Resource{}, "The resource the rule runs on (for a container or volume: its task definition)."}
	taskVar     = variable{"task", &Task{}, "The task definition."}
)

var kinds = []kind{
	{name: "task-definition", vars: []variable{taskVar, resourceVar}, reads: lint.TaskDefinitions, each: eachTask},
	{name: "container", vars: []variable{{"container", &Container{}, "The container definition."}, taskVar, resourceVar}, reads: lint.TaskDefinitions, each: eachContainer},
	{name: "volume", vars: []variable{{"volume", &Volume{}, "The volume."}, taskVar, resourceVar}, reads: lint.TaskDefinitions, each: eachVolume},
	{name: "service", vars: []variable{{"service", &Service{}, "The service or task set."}, resourceVar}, reads: lint.Services, each: eachService},
	{name: "cluster", vars: []variable{{"cluster", &Cluster{}, "The ECS cluster."}, resourceVar}, reads: lint.Clusters, each: eachCluster},
	{name: "security-group", vars: []variable{{"securityGroup", &SecurityGroup{}, "The security group, with every ingress rule that applies to it."}, resourceVar}, reads: lint.SecurityGroups, each: eachSecurityGroup},
	{name: "role", vars: []variable{{"role", &Role{}, "The IAM role, with every policy that applies to it."}, resourceVar}, reads: lint.Roles, each: eachRole},
	{name: "eks-cluster", vars: []variable{{"eksCluster", &EKSCluster{}, "The EKS cluster."}, resourceVar}, reads: lint.EKSClusters, each: eachEKSCluster},
}

func kindNamed(name string) *kind {
	for i := range kinds {
		if kinds[i].name == name {
			return &kinds[i]
		}
	}
	return nil
}

// envs holds each kind's environment, built on first use.
var envs sync.Map // kind name → *envOnce

type envOnce struct {
	once sync.Once
	env  *cel.Env
	err  error
}

// envFor returns the CEL environment of a kind: the view types, the
// kind's variables, the string extensions, and the parser's limits.
func envFor(k *kind) (*cel.Env, error) {
	e, _ := envs.LoadOrStore(k.name, &envOnce{})
	eo := e.(*envOnce)
	eo.once.Do(func() {
		types := make([]any, 0, len(viewTypes)+1)
		for _, t := range viewTypes {
			types = append(types, reflect.TypeOf(t).Elem())
		}
		types = append(types, ext.ParseStructTags(true))
		opts := []cel.EnvOption{
			ext.NativeTypes(types...),
			ext.Strings(),
			cel.ParserExpressionSizeLimit(maxExpressionSize),
			cel.ParserRecursionLimit(maxNesting),
		}
		for _, v := range k.vars {
			opts = append(opts, cel.Variable(v.name, cel.ObjectType(typeName(v.typ))))
		}
		eo.env, eo.err = cel.NewEnv(opts...)
	})
	return eo.env, eo.err
}

// typeName is the CEL name of a view type: custom.Container.
func typeName(v any) string {
	return fmt.Sprintf("custom.%s", reflect.TypeOf(v).Elem().Name())
}

func eachTask(u *lint.Unit, fn func(subject)) {
	for _, td := range u.TaskDefinitions {
		v := newView()
		taskView(v, td)
		fn(subject{v: v, resource: td.Resource, extent: td.Extent, name: "task definition " + td.Name})
	}
}

func eachContainer(u *lint.Unit, fn func(subject)) {
	for _, td := range u.TaskDefinitions {
		v := newView()
		t := taskView(v, td)
		for i, c := range t.ContainerDefinitions {
			v.vars["container"] = c
			fn(subject{v: v, resource: td.Resource, extent: td.Extent, container: td.Containers[i].DisplayName(),
				alias: map[string]path{"container": {root: "task", quals: []any{"containerDefinitions", i}}},
				name:  fmt.Sprintf("container %s of %s", td.Containers[i].DisplayName(), td.Name)})
		}
	}
}

func eachVolume(u *lint.Unit, fn func(subject)) {
	for _, td := range u.TaskDefinitions {
		v := newView()
		t := taskView(v, td)
		for i, vol := range t.Volumes {
			v.vars["volume"] = vol
			fn(subject{v: v, resource: td.Resource, extent: td.Extent,
				alias: map[string]path{"volume": {root: "task", quals: []any{"volumes", i}}},
				name:  fmt.Sprintf("volume %s of %s", td.Volumes[i].DisplayName(), td.Name)})
		}
	}
}

func eachService(u *lint.Unit, fn func(subject)) {
	for _, s := range u.Services {
		v := newView()
		serviceView(v, s)
		fn(subject{v: v, resource: s.Resource, extent: s.Extent, name: s.Kind + " " + s.Name})
	}
}

func eachCluster(u *lint.Unit, fn func(subject)) {
	for _, c := range u.Clusters {
		v := newView()
		clusterView(v, c)
		fn(subject{v: v, resource: c.Resource, extent: c.Extent, name: "cluster " + c.Name})
	}
}

func eachSecurityGroup(u *lint.Unit, fn func(subject)) {
	for _, sg := range u.SecurityGroups {
		v := newView()
		securityGroupView(v, sg)
		fn(subject{v: v, resource: sg.Resource, extent: sg.Extent, name: "security group " + sg.Name})
	}
}

func eachRole(u *lint.Unit, fn func(subject)) {
	for _, r := range u.Roles {
		v := newView()
		roleView(v, r)
		fn(subject{v: v, resource: r.Resource, extent: r.Extent, name: "role " + r.Name})
	}
}

func eachEKSCluster(u *lint.Unit, fn func(subject)) {
	for _, c := range u.EKSClusters {
		v := newView()
		eksClusterView(v, c)
		fn(subject{v: v, resource: c.Resource, extent: c.Extent, name: "EKS cluster " + c.Name})
	}
}
