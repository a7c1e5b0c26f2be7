package lint

import (
	"strings"
	"testing"
	"time"
)

func at(line int) Range {
	return Range{File: "f", Start: Pos{Line: int32(line), Col: 1}, End: Pos{Line: int32(line), Col: 2}}
}

// budgetReports is a budget whose exhaustions are collected.
func budgetReports(l Limits) (*Budget, *[]string) {
	var got []string
	b := NewBudget(l, func(r Range, what string) { got = append(got, r.String()+" "+what) })
	return b, &got
}

func TestBudgetReportsTheFirstExhaustionOnce(t *testing.T) {
	b, got := budgetReports(Limits{Steps: 3, Bytes: 100, Depth: 2, Instances: 1, Time: time.Hour})
	for i := 1; i <= 3; i++ {
		if !b.Step(at(i)) {
			t.Fatalf("step %d refused", i)
		}
	}
	if b.Step(at(4)) || !b.Exhausted() {
		t.Fatal("a fourth step was allowed")
	}
	// Everything after fails at once, and is not reported again.
	if b.Alloc(at(5), 1) || b.Enter(at(6)) || b.Instance(at(7)) || b.Step(at(8)) {
		t.Error("an exhausted budget allowed more")
	}
	if len(*got) != 1 || !strings.Contains((*got)[0], ":4:1") || !strings.Contains((*got)[0], "more than 3 evaluation steps") {
		t.Errorf("reports %q", *got)
	}
}

func TestBudgetBytesRefundsAndGrants(t *testing.T) {
	b, got := budgetReports(Limits{Steps: 1000, Bytes: 100, Depth: 2, Instances: 1, Time: time.Hour})
	if !b.Alloc(at(1), 60) || !b.Alloc(at(2), 40) {
		t.Fatal("100 bytes refused")
	}
	b.Refund(50) // a bound the value did not reach
	if !b.Alloc(at(3), 50) {
		t.Fatal("refunded bytes not available")
	}
	b.Grant(100) // 100 bytes of input: 400 bytes more
	if !b.Alloc(at(4), 400) {
		t.Fatal("granted bytes not available")
	}
	if b.Alloc(at(5), 1) || len(*got) != 1 || !strings.Contains((*got)[0], ":5:1") {
		t.Errorf("reports %q", *got)
	}
	b2, _ := budgetReports(Limits{Steps: 10, Bytes: 1 << 40, Depth: 2, Instances: 1, Time: time.Hour})
	if b2.Elements(at(1), 1<<62) || b2.Alloc(at(1), -1) {
		t.Error("an overflowing element count was allowed")
	}
}

func TestBudgetDepthAndInstances(t *testing.T) {
	b, got := budgetReports(Limits{Steps: 1000, Bytes: 100, Depth: 2, Instances: 2, Time: time.Hour})
	if !b.Enter(at(1)) || !b.Enter(at(2)) {
		t.Fatal("two levels refused")
	}
	b.Leave()
	if !b.Enter(at(3)) {
		t.Fatal("a level left is not available again")
	}
	if !b.Instance(at(4)) || !b.Instance(at(5)) {
		t.Fatal("two instances refused")
	}
	if b.Instance(at(6)) || len(*got) != 1 || !strings.Contains((*got)[0], "more than 2 module instances") {
		t.Errorf("reports %q", *got)
	}
}

func TestBudgetTime(t *testing.T) {
	b, got := budgetReports(Limits{Steps: 1 << 40, Bytes: 100, Depth: 2, Instances: 2, Time: time.Nanosecond})
	time.Sleep(time.Millisecond)
	for i := 0; i < 2*timeCheckEvery; i++ {
		if !b.Step(at(1)) {
			break
		}
	}
	if !b.Exhausted() || len(*got) != 1 || !strings.Contains((*got)[0], "of evaluation") {
		t.Errorf("reports %q", *got)
	}
}

// The context's budget reports as an error that says the job could not be
// checked completely.
func TestContextBudgetIsAnError(t *testing.T) {
	c := NewContext(nil, ParseOptions{})
	c.SetLimits(Limits{Steps: 1, Bytes: 1, Depth: 1, Instances: 1, Time: time.Hour})
	c.Budget.Alloc(at(3), 2)
	errs := c.Errors()
	if len(errs) != 1 || errs[0].Range != at(3) || !strings.HasPrefix(errs[0].Message, "could not check completely") {
		t.Errorf("errors %+v", errs)
	}
}
