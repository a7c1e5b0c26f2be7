package lint

// Lookups by reference: a Value's Ref names the resource it points at (a
// CloudFormation logical ID, a Terraform address), and cross-resource rules
// follow it with these. They scan linearly: units are small, and a map would
// have to be kept in step by every parser.

// Role returns the unit's IAM role with the given ID, or nil (also for an
// empty ref).
func (u *Unit) Role(ref string) *Role {
	for _, r := range u.Roles {
		if ref != "" && r.ID == ref {
			return r
		}
	}
	return nil
}

// SecurityGroup returns the unit's security group with the given ID, or nil.
func (u *Unit) SecurityGroup(ref string) *SecurityGroup {
	for _, sg := range u.SecurityGroups {
		if ref != "" && sg.ID == ref {
			return sg
		}
	}
	return nil
}

// TaskDefinition returns the unit's task definition with the given ID, or nil.
func (u *Unit) TaskDefinition(ref string) *TaskDefinition {
	for _, td := range u.TaskDefinitions {
		if ref != "" && td.ID == ref {
			return td
		}
	}
	return nil
}
