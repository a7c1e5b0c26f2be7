package main

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// resourceSchemas are the AWS provider's (v6) schemas for the resources
// ecslint reads, from the provider's documentation: attribute and block
// names, types, and which are required, computed or sensitive. Arguments
// ecslint never reads are left out except where a realistic configuration
// needs them; what matters for the plan's format is that every attribute a
// fixture sets exists with the real type, and that the real computed
// attributes (arn, id, ...) are computed, so a plan shows them unknown.
//
// Blocks are declared as blocks (the provider's SDK "TypeList/TypeSet of
// Resource" fields), and the provider's "attributes as blocks" fields
// (aws_security_group ingress/egress) as attributes of object sets.
var resourceSchemas = map[string]schema.Schema{
	"aws_ecs_task_definition": {
		Attributes: attrs{
			"arn":                      computed(),
			"arn_without_revision":     computed(),
			"container_definitions":    forcesNew(required()),
			"cpu":                      forcesNew(optional()),
			"enable_fault_injection":   optionalComputedBool(),
			"execution_role_arn":       forcesNew(optional()),
			"family":                   forcesNew(required()),
			"id":                       computed(),
			"ipc_mode":                 forcesNew(optional()),
			"memory":                   forcesNew(optional()),
			"network_mode":             forcesNew(optionalComputed()),
			"pid_mode":                 forcesNew(optional()),
			"requires_compatibilities": stringSet(),
			"revision":                 computedInt(),
			"skip_destroy":             optionalBool(),
			"tags":                     tags(),
			"tags_all":                 tagsAll(),
			"task_role_arn":            forcesNew(optional()),
			"track_latest":             optionalBool(),
		},
		Blocks: blocks{
			"ephemeral_storage": listBlock(attrs{"size_in_gib": requiredInt()}, nil),
			"placement_constraints": setBlock(attrs{
				"expression": optional(),
				"type":       required(),
			}, nil),
			"proxy_configuration": listBlock(attrs{
				"container_name": required(),
				"properties":     stringMap(),
				"type":           optional(),
			}, nil),
			"runtime_platform": listBlock(attrs{
				"cpu_architecture":        optional(),
				"operating_system_family": optional(),
			}, nil),
			"volume": setBlock(attrs{
				"configure_at_launch": optionalBool(),
				"host_path":           optional(),
				"name":                required(),
			}, blocks{
				"docker_volume_configuration": listBlock(attrs{
					"autoprovision": optionalBool(),
					"driver":        optional(),
					"driver_opts":   stringMap(),
					"labels":        stringMap(),
					"scope":         optionalComputed(),
				}, nil),
				"efs_volume_configuration": listBlock(attrs{
					"file_system_id":          required(),
					"root_directory":          optional(),
					"transit_encryption":      optional(),
					"transit_encryption_port": optionalInt(),
				}, blocks{
					"authorization_config": listBlock(attrs{
						"access_point_id": optional(),
						"iam":             optional(),
					}, nil),
				}),
			}),
		},
	},
	"aws_ecs_service": {
		Attributes: attrs{
			"arn":                                computed(),
			"availability_zone_rebalancing":      optionalComputed(),
			"cluster":                            optionalComputed(),
			"deployment_maximum_percent":         optionalInt(),
			"deployment_minimum_healthy_percent": optionalInt(),
			"desired_count":                      optionalInt(),
			"enable_ecs_managed_tags":            optionalBool(),
			"enable_execute_command":             optionalBool(),
			"force_new_deployment":               optionalBool(),
			"health_check_grace_period_seconds":  optionalInt(),
			"iam_role":                           optionalComputed(),
			"id":                                 computed(),
			"launch_type":                        optionalComputed(),
			"name":                               required(),
			"platform_version":                   optionalComputed(),
			"propagate_tags":                     optional(),
			"scheduling_strategy":                optionalComputed(),
			"tags":                               tags(),
			"tags_all":                           tagsAll(),
			"task_definition":                    optional(),
			"triggers":                           stringMap(),
			"wait_for_steady_state":              optionalBool(),
		},
		Blocks: blocks{
			"capacity_provider_strategy": setBlock(capacityProviderStrategy, nil),
			"deployment_circuit_breaker": listBlock(attrs{
				"enable":   requiredBool(),
				"rollback": requiredBool(),
			}, nil),
			"load_balancer": setBlock(attrs{
				"container_name":   required(),
				"container_port":   requiredInt(),
				"elb_name":         optional(),
				"target_group_arn": optional(),
			}, nil),
			"network_configuration": listBlock(networkConfiguration, nil),
		},
	},
	"aws_ecs_task_set": {
		Attributes: attrs{
			"arn":                       computed(),
			"cluster":                   required(),
			"external_id":               optionalComputed(),
			"force_delete":              optionalBool(),
			"id":                        computed(),
			"launch_type":               optionalComputed(),
			"platform_version":          optionalComputed(),
			"service":                   required(),
			"stability_status":          computed(),
			"status":                    computed(),
			"tags":                      tags(),
			"tags_all":                  tagsAll(),
			"task_definition":           required(),
			"task_set_id":               computed(),
			"wait_until_stable":         optionalBool(),
			"wait_until_stable_timeout": optional(),
		},
		Blocks: blocks{
			"capacity_provider_strategy": setBlock(capacityProviderStrategy, nil),
			"load_balancer": setBlock(attrs{
				"container_name":     required(),
				"container_port":     optionalInt(),
				"load_balancer_name": optional(),
				"target_group_arn":   optional(),
			}, nil),
			"network_configuration": listBlock(networkConfiguration, nil),
			"scale": listBlock(attrs{
				"unit":  optional(),
				"value": schema.Float64Attribute{Optional: true},
			}, nil),
		},
	},
	"aws_ecs_cluster": {
		Attributes: attrs{
			"arn":      computed(),
			"id":       computed(),
			"name":     required(),
			"tags":     tags(),
			"tags_all": tagsAll(),
		},
		Blocks: blocks{
			"configuration": listBlock(nil, blocks{
				"execute_command_configuration": listBlock(attrs{
					"kms_key_id": optional(),
					"logging":    optional(),
				}, blocks{
					"log_configuration": listBlock(attrs{
						"cloud_watch_encryption_enabled": optionalBool(),
						"cloud_watch_log_group_name":     optional(),
						"s3_bucket_encryption_enabled":   optionalBool(),
						"s3_bucket_name":                 optional(),
						"s3_key_prefix":                  optional(),
					}, nil),
				}),
			}),
			"service_connect_defaults": listBlock(attrs{"namespace": required()}, nil),
			"setting": setBlock(attrs{
				"name":  required(),
				"value": required(),
			}, nil),
		},
	},
	"aws_security_group": {
		Attributes: attrs{
			"arn":                    computed(),
			"description":            optionalComputed(),
			"egress":                 securityGroupRules(),
			"id":                     computed(),
			"ingress":                securityGroupRules(),
			"name":                   optionalComputed(),
			"name_prefix":            optionalComputed(),
			"owner_id":               computed(),
			"revoke_rules_on_delete": optionalBool(),
			"tags":                   tags(),
			"tags_all":               tagsAll(),
			"vpc_id":                 optionalComputed(),
		},
	},
	"aws_security_group_rule": {
		Attributes: attrs{
			"cidr_blocks":              stringList(),
			"description":              optional(),
			"from_port":                requiredInt(),
			"id":                       computed(),
			"ipv6_cidr_blocks":         stringList(),
			"prefix_list_ids":          stringList(),
			"protocol":                 required(),
			"security_group_id":        required(),
			"security_group_rule_id":   computed(),
			"self":                     optionalBool(),
			"source_security_group_id": optionalComputed(),
			"to_port":                  requiredInt(),
			"type":                     required(),
		},
	},
	"aws_vpc_security_group_ingress_rule": {
		Attributes: attrs{
			"arn":                          computed(),
			"cidr_ipv4":                    optional(),
			"cidr_ipv6":                    optional(),
			"description":                  optional(),
			"from_port":                    optionalInt(),
			"id":                           computed(),
			"ip_protocol":                  required(),
			"prefix_list_id":               optional(),
			"referenced_security_group_id": optional(),
			"security_group_id":            required(),
			"security_group_rule_id":       computed(),
			"tags":                         tags(),
			"tags_all":                     tagsAll(),
			"to_port":                      optionalInt(),
		},
	},
	"aws_iam_role": {
		Attributes: attrs{
			"arn":                   computed(),
			"assume_role_policy":    required(),
			"create_date":           computed(),
			"description":           optional(),
			"force_detach_policies": optionalBool(),
			"id":                    computed(),
			"managed_policy_arns":   stringSetOptionalComputed(),
			"max_session_duration":  optionalInt(),
			"name":                  optionalComputed(),
			"name_prefix":           optionalComputed(),
			"path":                  optional(),
			"permissions_boundary":  optional(),
			"tags":                  tags(),
			"tags_all":              tagsAll(),
			"unique_id":             computed(),
		},
		Blocks: blocks{
			"inline_policy": setBlock(attrs{
				"name":   optional(),
				"policy": optional(),
			}, nil),
		},
	},
	"aws_iam_role_policy": {
		Attributes: attrs{
			"id":          computed(),
			"name":        optionalComputed(),
			"name_prefix": optional(),
			"policy":      required(),
			"role":        required(),
		},
	},
	"aws_iam_policy": {
		Attributes: attrs{
			"arn":              computed(),
			"attachment_count": computedInt(),
			"description":      optional(),
			"id":               computed(),
			"name":             optionalComputed(),
			"name_prefix":      optional(),
			"path":             optional(),
			"policy":           required(),
			"policy_id":        computed(),
			"tags":             tags(),
			"tags_all":         tagsAll(),
		},
	},
	"aws_iam_role_policy_attachment": {
		Attributes: attrs{
			"id":         computed(),
			"policy_arn": required(),
			"role":       required(),
		},
	},
	"aws_eks_cluster": {
		Attributes: attrs{
			"arn":                           computed(),
			"bootstrap_self_managed_addons": optionalBool(),
			"certificate_authority": schema.ListAttribute{Computed: true,
				ElementType: types.ObjectType{AttrTypes: map[string]attr.Type{"data": types.StringType}}},
			"cluster_id":                computed(),
			"created_at":                computed(),
			"enabled_cluster_log_types": stringSet(),
			"endpoint":                  computed(),
			"force_update_version":      optionalBool(),
			"id":                        computed(),
			"name":                      required(),
			"platform_version":          computed(),
			"role_arn":                  required(),
			"status":                    computed(),
			"tags":                      tags(),
			"tags_all":                  tagsAll(),
			"version":                   optionalComputed(),
		},
		Blocks: blocks{
			"access_config": listBlock(attrs{
				"authentication_mode":                         optionalComputed(),
				"bootstrap_cluster_creator_admin_permissions": optionalBool(),
			}, nil),
			"encryption_config": listBlock(attrs{
				"resources": stringSet(),
			}, blocks{
				"provider": listBlock(attrs{"key_arn": required()}, nil),
			}),
			"kubernetes_network_config": listBlock(attrs{
				"ip_family":         optionalComputed(),
				"service_ipv4_cidr": optionalComputed(),
				"service_ipv6_cidr": computed(),
			}, nil),
			"vpc_config": listBlock(attrs{
				"cluster_security_group_id": computed(),
				"endpoint_private_access":   optionalBool(),
				"endpoint_public_access":    optionalBool(),
				"public_access_cidrs":       stringSetOptionalComputed(),
				"security_group_ids":        stringSet(),
				"subnet_ids":                stringSet(),
				"vpc_id":                    computed(),
			}, nil),
		},
	},
	// aws_eks_identity_provider_config (EKS.7 asks for its tags): cluster_name
	// and the oidc block (exactly one) force a new resource; arn, id and
	// status are computed.
	"aws_eks_identity_provider_config": {
		Attributes: attrs{
			"arn":          computed(),
			"cluster_name": forcesNew(required()),
			"id":           computed(),
			"status":       computed(),
			"tags":         tags(),
			"tags_all":     tagsAll(),
		},
		Blocks: blocks{
			"oidc": listBlock(attrs{
				"client_id":                     forcesNew(required()),
				"groups_claim":                  forcesNew(optional()),
				"groups_prefix":                 forcesNew(optional()),
				"identity_provider_config_name": forcesNew(required()),
				"issuer_url":                    forcesNew(required()),
				"required_claims":               stringMap(),
				"username_claim":                forcesNew(optional()),
				"username_prefix":               forcesNew(optional()),
			}, nil),
		},
	},
	"aws_ecs_capacity_provider": {
		Attributes: attrs{
			"arn":      computed(),
			"id":       computed(),
			"name":     required(),
			"tags":     tags(),
			"tags_all": tagsAll(),
		},
		Blocks: blocks{
			"auto_scaling_group_provider": listBlock(attrs{
				"auto_scaling_group_arn":         required(),
				"managed_draining":               optionalComputed(),
				"managed_termination_protection": optionalComputed(),
			}, blocks{
				"managed_scaling": listBlock(attrs{
					"instance_warmup_period":    optionalInt(),
					"maximum_scaling_step_size": optionalInt(),
					"minimum_scaling_step_size": optionalInt(),
					"status":                    optionalComputed(),
					"target_capacity":           optionalInt(),
				}, nil),
			}),
		},
	},
	"aws_eks_node_group": {
		Attributes: attrs{
			"ami_type":        optionalComputed(),
			"arn":             computed(),
			"capacity_type":   optionalComputed(),
			"cluster_name":    required(),
			"disk_size":       optionalInt(),
			"id":              computed(),
			"instance_types":  stringList(),
			"labels":          stringMap(),
			"node_group_name": optionalComputed(),
			"node_role_arn":   required(),
			"release_version": optionalComputed(),
			"status":          computed(),
			"subnet_ids":      schema.SetAttribute{Required: true, ElementType: types.StringType},
			"tags":            tags(),
			"tags_all":        tagsAll(),
			"version":         optionalComputed(),
		},
		Blocks: blocks{
			"remote_access": listBlock(attrs{
				"ec2_ssh_key":               optional(),
				"source_security_group_ids": stringSet(),
			}, nil),
			"scaling_config": listBlock(attrs{
				"desired_size": requiredInt(),
				"max_size":     requiredInt(),
				"min_size":     requiredInt(),
			}, nil),
		},
	},
	// Resources whose attributes hold secrets or computed values that the
	// fixtures feed into container definitions.
	"aws_ecr_repository": {
		Attributes: attrs{
			"arn":                  computed(),
			"force_delete":         optionalBool(),
			"id":                   computed(),
			"image_tag_mutability": optional(),
			"name":                 required(),
			"registry_id":          computed(),
			"repository_url":       computed(),
			"tags":                 tags(),
			"tags_all":             tagsAll(),
		},
	},
	"aws_autoscaling_group": {
		Attributes: attrs{
			"arn":                   computed(),
			"desired_capacity":      schema.Int64Attribute{Optional: true, Computed: true},
			"id":                    computed(),
			"max_size":              requiredInt(),
			"min_size":              requiredInt(),
			"name":                  optionalComputed(),
			"protect_from_scale_in": optionalBool(),
			"vpc_zone_identifier":   stringSetOptionalComputed(),
		},
	},
	"aws_key_pair": {
		Attributes: attrs{
			"arn":         computed(),
			"fingerprint": computed(),
			"id":          computed(),
			"key_name":    optionalComputed(),
			"key_pair_id": computed(),
			"public_key":  required(),
			"tags":        tags(),
			"tags_all":    tagsAll(),
		},
	},
	"aws_kms_key": {
		Attributes: attrs{
			"arn":                     computed(),
			"deletion_window_in_days": optionalInt(),
			"description":             optionalComputed(),
			"enable_key_rotation":     optionalBool(),
			"id":                      computed(),
			"key_id":                  computed(),
			"policy":                  optionalComputed(),
			"tags":                    tags(),
			"tags_all":                tagsAll(),
		},
	},
	"aws_ssm_parameter": {
		Attributes: attrs{
			"arn":            computed(),
			"description":    optional(),
			"id":             computed(),
			"insecure_value": optionalComputed(),
			"key_id":         optionalComputed(),
			"name":           required(),
			"overwrite":      optionalBool(),
			"tags":           tags(),
			"tags_all":       tagsAll(),
			"tier":           optional(),
			"type":           required(),
			"value":          schema.StringAttribute{Optional: true, Computed: true, Sensitive: true},
			"version":        computedInt(),
		},
	},
	"aws_secretsmanager_secret": {
		Attributes: attrs{
			"arn":         computed(),
			"description": optional(),
			"id":          computed(),
			"kms_key_id":  optional(),
			"name":        optionalComputed(),
			"tags":        tags(),
			"tags_all":    tagsAll(),
		},
	},
	"aws_secretsmanager_secret_version": {
		Attributes: attrs{
			"arn":            computed(),
			"id":             computed(),
			"secret_binary":  schema.StringAttribute{Optional: true, Sensitive: true},
			"secret_id":      required(),
			"secret_string":  schema.StringAttribute{Optional: true, Sensitive: true},
			"version_id":     computed(),
			"version_stages": stringSetOptionalComputed(),
		},
	},
}

type (
	attrs  = map[string]schema.Attribute
	blocks = map[string]schema.Block
)

var capacityProviderStrategy = attrs{
	"base":              optionalInt(),
	"capacity_provider": required(),
	"weight":            optionalInt(),
}

var networkConfiguration = attrs{
	"assign_public_ip": optionalBool(),
	"security_groups":  stringSet(),
	"subnets":          schema.SetAttribute{Required: true, ElementType: types.StringType},
}

// securityGroupRules is aws_security_group's ingress and egress: a set of
// objects that the configuration may also write as repeated blocks.
func securityGroupRules() schema.SetAttribute {
	return schema.SetAttribute{Optional: true, Computed: true, ElementType: types.ObjectType{AttrTypes: map[string]attr.Type{
		"cidr_blocks":      types.ListType{ElemType: types.StringType},
		"description":      types.StringType,
		"from_port":        types.Int64Type,
		"ipv6_cidr_blocks": types.ListType{ElemType: types.StringType},
		"prefix_list_ids":  types.ListType{ElemType: types.StringType},
		"protocol":         types.StringType,
		"security_groups":  types.SetType{ElemType: types.StringType},
		"self":             types.BoolType,
		"to_port":          types.Int64Type,
	}}}
}

func required() schema.StringAttribute { return schema.StringAttribute{Required: true} }
func optional() schema.StringAttribute { return schema.StringAttribute{Optional: true} }

// computed values that the provider knows once created keep their state
// value in later plans, as the real provider's do.
func computed() schema.StringAttribute {
	return schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
}

func optionalComputed() schema.StringAttribute {
	return schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
}

// forcesNew marks an argument whose change replaces the resource, as every
// argument of aws_ecs_task_definition does (a new revision).
func forcesNew(a schema.StringAttribute) schema.StringAttribute {
	a.PlanModifiers = append(a.PlanModifiers, stringplanmodifier.RequiresReplace())
	return a
}

func requiredBool() schema.BoolAttribute { return schema.BoolAttribute{Required: true} }
func optionalBool() schema.BoolAttribute { return schema.BoolAttribute{Optional: true} }
func optionalComputedBool() schema.BoolAttribute {
	return schema.BoolAttribute{Optional: true, Computed: true}
}

func requiredInt() schema.Int64Attribute { return schema.Int64Attribute{Required: true} }
func optionalInt() schema.Int64Attribute { return schema.Int64Attribute{Optional: true} }
func computedInt() schema.Int64Attribute {
	return schema.Int64Attribute{Computed: true, PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}}
}

func stringSet() schema.SetAttribute {
	return schema.SetAttribute{Optional: true, ElementType: types.StringType}
}

func stringSetOptionalComputed() schema.SetAttribute {
	return schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType}
}

func stringList() schema.ListAttribute {
	return schema.ListAttribute{Optional: true, ElementType: types.StringType}
}

func stringMap() schema.MapAttribute {
	return schema.MapAttribute{Optional: true, ElementType: types.StringType}
}

func tags() schema.MapAttribute { return stringMap() }

// tagsAll is computed: ModifyPlan (resource.go) plans it from tags and
// the provider's default_tags, as the real provider does.
func tagsAll() schema.MapAttribute {
	return schema.MapAttribute{Computed: true, ElementType: types.StringType,
		PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()}}
}

func listBlock(a attrs, b blocks) schema.ListNestedBlock {
	return schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{Attributes: a, Blocks: b}}
}

func setBlock(a attrs, b blocks) schema.SetNestedBlock {
	return schema.SetNestedBlock{NestedObject: schema.NestedBlockObject{Attributes: a, Blocks: b}}
}
