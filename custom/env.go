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
	"slices"
	"sync"
	"sync/atomic"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/ext"
	"github.com/google/cel-go/interpreter"

	"github.com/ecslint/ecslint/lint"
)

// Limits on a rule pack, which may come from anyone who can open a pull
// request. CEL has no loops or recursion: a condition's cost is bounded by
// its size and the sizes of the lists it iterates, so these bound the time
// a run spends on it (see plan and Rule.evaluate).
const (
	// maxExpressionSize bounds a condition's text, in code points.
	maxExpressionSize = 4096
	// maxNesting bounds the parser's recursion.
	maxNesting = 64
	// estimatedCostLimit bounds CEL's static estimate of a condition's
	// worst case (lists of assumedListSize), checked at load time: one
	// list iterated inside another is accepted, three deep is not.
	estimatedCostLimit = 10_000_000
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
	// each calls fn with the view of every resource of the kind in u;
	// inTask, for the kinds of a task definition, with every subject of
	// one task definition's view (built once for all of them).
	each   func(u *lint.Unit, n *need, fn func(*subject))
	inTask func(td *lint.TaskDefinition, v *view, fn func(*subject))
}

type variable struct {
	name string
	typ  any // a view struct
	doc  string
}

// subject is one resource a rule is evaluated on.
type subject struct {
	v    *view
	vars bindings
	// alias, when not empty, is a variable (container) that stands for
	// aliasOf in another (task.containerDefinitions[1]), for unknown
	// values and positions.
	alias     string
	aliasOf   path
	resource  *lint.Resource
	container string
	// name is what the finding is about, for notes.
	name string
	// act is the activation without alternatives chosen, made on first
	// use; npats the same unknowns for the native evaluator.
	act   cel.Activation
	npats []npat
}

var (
	resourceVar = variable{"resource", &Resource{}, "The resource the rule runs on (for a container or volume: its task definition)."}
	taskVar     = variable{"task", &Task{}, "The task definition."}
)

var kinds = []kind{
	{name: "task-definition", vars: []variable{taskVar, resourceVar}, reads: lint.TaskDefinitions, inTask: taskSubject},
	{name: "container", vars: []variable{{"container", &Container{}, "The container definition."}, taskVar, resourceVar}, reads: lint.TaskDefinitions, inTask: containerSubjects},
	{name: "volume", vars: []variable{{"volume", &Volume{}, "The volume."}, taskVar, resourceVar}, reads: lint.TaskDefinitions, inTask: volumeSubjects},
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

// bindings are a subject's variables: the kind's own, and task and
// resource (at most three). A map for each container's subject was an
// allocation each; bindings is also the activation cel-go reads them from
// (interpreter.Activation).
type bindings struct {
	n     int
	names [3]string
	vals  [3]any
}

func (b *bindings) set(name string, v any) {
	for i := range b.n {
		if b.names[i] == name {
			b.vals[i] = v
			return
		}
	}
	b.names[b.n], b.vals[b.n] = name, v
	b.n++
}

// ResolveName implements interpreter.Activation.
func (b *bindings) ResolveName(name string) (any, bool) {
	for i := range b.n {
		if b.names[i] == name {
			return b.vals[i], true
		}
	}
	return nil, false
}

// Parent implements interpreter.Activation.
func (b *bindings) Parent() interpreter.Activation { return nil }

func one(v *view, r *lint.Resource, name string) *subject {
	return &subject{v: v, vars: v.vars, resource: r, name: name}
}

func taskSubject(td *lint.TaskDefinition, v *view, fn func(*subject)) {
	fn(one(v, &td.Resource, "task definition "+td.Name))
}

// within gives a task's view a variable for one of its elements.
func within(v *view, td *lint.TaskDefinition, name string, value any, at path, what string) *subject {
	s := one(v, &td.Resource, what)
	s.vars.set(name, value)
	s.alias, s.aliasOf = name, at
	return s
}

// task is a task view's Task.
func (v *view) task() *Task {
	t, _ := v.vars.ResolveName("task")
	return t.(*Task)
}

func containerSubjects(td *lint.TaskDefinition, v *view, fn func(*subject)) {
	t := v.task()
	for i, c := range t.ContainerDefinitions {
		s := within(v, td, "container", c, v.containers[i], fmt.Sprintf("container %s of %s", td.Containers[i].DisplayName(), td.Name))
		s.container = td.Containers[i].DisplayName()
		fn(s)
	}
}

func volumeSubjects(td *lint.TaskDefinition, v *view, fn func(*subject)) {
	t := v.task()
	for i, vol := range t.Volumes {
		fn(within(v, td, "volume", vol, v.volumes[i], fmt.Sprintf("volume %s of %s", td.Volumes[i].DisplayName(), td.Name)))
	}
}

func eachService(u *lint.Unit, n *need, fn func(*subject)) {
	for _, s := range u.Services {
		v := newView()
		serviceView(v, n, s)
		fn(one(v, &s.Resource, s.Kind+" "+s.Name))
	}
}

func eachCluster(u *lint.Unit, n *need, fn func(*subject)) {
	for _, c := range u.Clusters {
		v := newView()
		clusterView(v, n, c)
		fn(one(v, &c.Resource, "cluster "+c.Name))
	}
}

func eachSecurityGroup(u *lint.Unit, n *need, fn func(*subject)) {
	for _, sg := range u.SecurityGroups {
		v := newView()
		securityGroupView(v, n, sg)
		fn(one(v, &sg.Resource, "security group "+sg.Name))
	}
}

func eachRole(u *lint.Unit, n *need, fn func(*subject)) {
	for _, r := range u.Roles {
		v := newView()
		roleView(v, n, r)
		fn(one(v, &r.Resource, "role "+r.Name))
	}
}

func eachEKSCluster(u *lint.Unit, n *need, fn func(*subject)) {
	for _, c := range u.EKSClusters {
		v := newView()
		eksClusterView(v, n, c)
		fn(one(v, &c.Resource, "EKS cluster "+c.Name))
	}
}

// cache holds the subjects of the units being checked, so that ten
// rules on containers build each container's view once, not ten times.
// Rules run over a unit one after another on one goroutine (lint's
// checkUnits), jobs on several: a unit's entry is used by one goroutine
// at a time, and the cache keeps the last few units.
type cache struct {
	// need is what the rules of the Compile read.
	need *need
	// nodes and objects are the nodes of the task views built so far and
	// their containers and volumes, which size the next (sizeOf).
	nodes, objects atomic.Int64
	mu             sync.Mutex
	units          map[*lint.Unit]*unitViews
	order          []*lint.Unit
}

// unitViews are one unit's subjects by kind, and its task definitions'
// views, which the task, container and volume kinds share.
type unitViews struct {
	byKind map[string][]*subject
	tasks  []*view
}

// drop forgets a unit's subjects once every rule has checked it: they
// point into its model, which would otherwise stay alive with them.
func (c *cache) drop(u *lint.Unit) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.units[u]; !ok {
		return
	}
	delete(c.units, u)
	c.order = slices.DeleteFunc(c.order, func(x *lint.Unit) bool { return x == u })
}

// cachedUnits bounds the units held, should UnitDone not be called (a
// rule's panic ends a unit's checking): a few per core.
const cachedUnits = 64

func (c *cache) subjects(u *lint.Unit, k *kind) []*subject {
	c.mu.Lock()
	uv, ok := c.units[u]
	if !ok {
		if c.units == nil {
			c.units = map[*lint.Unit]*unitViews{}
		}
		if len(c.order) == cachedUnits {
			delete(c.units, c.order[0])
			c.order = c.order[1:]
		}
		uv = &unitViews{byKind: map[string][]*subject{}}
		c.units[u] = uv
		c.order = append(c.order, u)
	}
	subs, ok := uv.byKind[k.name]
	c.mu.Unlock()
	if ok {
		return subs
	}
	// Only the goroutine checking u gets here for u: no lock needed to
	// build, one to publish.
	subs = []*subject{}
	add := func(s *subject) { subs = append(subs, s) }
	if k.inTask != nil {
		if uv.tasks == nil {
			uv.tasks = make([]*view, 0, len(u.TaskDefinitions))
			for _, td := range u.TaskDefinitions {
				v := newViewSized(c.sizeOf(td))
				taskView(v, c.need, td)
				c.built(td, v)
				uv.tasks = append(uv.tasks, v)
			}
		}
		for i, td := range u.TaskDefinitions {
			k.inTask(td, uv.tasks[i], add)
		}
	} else {
		k.each(u, c.need, add)
	}
	c.mu.Lock()
	uv.byKind[k.name] = subs
	c.mu.Unlock()
	return subs
}
