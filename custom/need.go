package custom

import (
	"slices"

	"github.com/google/cel-go/cel"
	celast "github.com/google/cel-go/common/ast"

	"github.com/ecslint/ecslint/lint"
)

// need is the part of a view the loaded rules read, as a tree of field
// names under the variables: a view builds only that (the ten rules of
// an organisation read a few fields of each container, and building the
// rest was half of their cost). all marks a whole subtree: what a rule
// iterates, compares or hands to a function as a whole, or looks up in a
// map. A nil need is nothing.
type need struct {
	all    bool
	fields map[string]*need
}

// everything is the whole view.
var everything = &need{all: true}

// wants reports whether the field f is needed.
func (n *need) wants(f string) bool { return n != nil && (n.all || n.fields[f] != nil) }

// sub is what is needed under the field f.
func (n *need) sub(f string) *need {
	if n == nil || n.all {
		return n
	}
	return n.fields[f]
}

// add marks a chain of fields (a variable first) and everything under
// its last.
func (n *need) add(chain []string) {
	cur := n
	for _, f := range chain {
		if cur.all {
			return
		}
		if cur.fields == nil {
			cur.fields = map[string]*need{}
		}
		next := cur.fields[f]
		if next == nil {
			next = &need{}
			cur.fields[f] = next
		}
		cur = next
	}
	cur.all, cur.fields = true, nil
}

// aliased is a chain of a variable that stands for an entry of another's
// list, rewritten onto that list (container.image is an image of
// task.containerDefinitions); other chains are returned as they are.
func aliased(chain []string) []string {
	switch chain[0] {
	case "container":
		return append([]string{"task", "containerDefinitions"}, chain[1:]...)
	case "volume":
		return append([]string{"task", "volumes"}, chain[1:]...)
	}
	return chain
}

// selections lists the chains of fields an expression reads from the
// kind's variables, each its variable first, in the order of the
// expression (left to right, outermost first). A variable read other
// than through a field (compared, or handed to a function, whole) is a
// chain of its name alone. A chain broken by an index or a call ends
// there: what follows is read from the whole of what precedes.
func selections(ast *cel.Ast, k *kind) [][]string {
	var out [][]string
	seen := map[int64]bool{}
	isVar := func(name string) bool {
		return slices.ContainsFunc(k.vars, func(v variable) bool { return v.name == name })
	}
	celast.PreOrderVisit(ast.NativeRep().Expr(), celast.NewExprVisitor(func(e celast.Expr) {
		if seen[e.ID()] {
			return
		}
		switch e.Kind() {
		case celast.IdentKind:
			if isVar(e.AsIdent()) {
				out = append(out, []string{e.AsIdent()})
			}
		case celast.SelectKind:
			var fields []string
			cur := e
			for cur.Kind() == celast.SelectKind {
				seen[cur.ID()] = true
				fields = append(fields, cur.AsSelect().FieldName())
				cur = cur.AsSelect().Operand()
			}
			if cur.Kind() != celast.IdentKind || !isVar(cur.AsIdent()) {
				return
			}
			seen[cur.ID()] = true
			fields = append(fields, cur.AsIdent())
			slices.Reverse(fields)
			out = append(out, fields)
		}
	}))
	return out
}

// sizeOf is the nodes to make a task's view for: as many a container or
// volume as the views built so far had (what a view holds depends on what
// the rules read), and a few for the task. Too few would grow the slice,
// copying it; too many were a third of the rules' allocation.
func (c *cache) sizeOf(td *lint.TaskDefinition) int {
	objects := int64(len(td.Containers) + len(td.Volumes))
	if seen := c.objects.Load(); seen > 0 {
		return int(8 + objects*(c.nodes.Load()/seen+1))
	}
	return int(8 + objects*16)
}

// built records a task view's size.
func (c *cache) built(td *lint.TaskDefinition, v *view) {
	c.nodes.Add(int64(len(v.nodes)))
	c.objects.Add(int64(len(td.Containers) + len(td.Volumes)))
}
