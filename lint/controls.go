package lint

// SecurityHubControl is one AWS Security Hub CSPM control for ECS or EKS,
// as AWS's control reference lists it. Rules name the controls they judge
// in Meta.Controls; the docs index maps every control listed here to
// those rules, or says why none judges it.
type SecurityHubControl struct {
	ID    string
	Title string
	// Note qualifies the offline judgement: what ecslint cannot see that
	// Security Hub can, or, for a control no rule judges, why.
	Note string
	// Retired is when AWS retired the control, if it did.
	Retired string
}

// SecurityHubControls are Security Hub's ECS and EKS controls, from the
// "Security Hub CSPM controls for Amazon ECS" and "... for Amazon EKS"
// pages of the Security Hub User Guide (as of 2026-12). Numbers AWS skips
// have no control.
var SecurityHubControls = []SecurityHubControl{
	{ID: "ECS.1", Title: "Amazon ECS task definitions should have secure networking modes and user definitions",
		Retired: "2026-03", Note: "Retired by AWS in favour of ECS.4, ECS.17, ECS.20 and ECS.21; ecslint still reports its check."},
	{ID: "ECS.2", Title: "ECS services should not have public IP addresses assigned to them automatically"},
	{ID: "ECS.3", Title: "ECS task definitions should not share the host's process namespace"},
	{ID: "ECS.4", Title: "ECS containers should run as non-privileged"},
	{ID: "ECS.5", Title: "ECS containers should be limited to read-only access to root filesystems"},
	{ID: "ECS.8", Title: "Secrets should not be passed as container environment variables"},
	{ID: "ECS.9", Title: "ECS task definitions should have a logging configuration"},
	{ID: "ECS.10", Title: "ECS Fargate services should run on the latest Fargate platform version",
		Note: "Judged against a dated table of the latest versions (option fargate-latest-versions); LATEST and an unset version pass."},
	{ID: "ECS.12", Title: "ECS clusters should use Container Insights",
		Note: "A cluster that sets nothing is reported: the account's containerInsights default, which may enable it, is not in the source."},
	{ID: "ECS.13", Title: "ECS services should be tagged",
		Note: "Off by default; tags added at deployment (stack tags, propagation) are not in the source."},
	{ID: "ECS.14", Title: "ECS clusters should be tagged", Note: "As ECS.13."},
	{ID: "ECS.15", Title: "ECS task definitions should be tagged", Note: "As ECS.13."},
	{ID: "ECS.16", Title: "ECS task sets should not automatically assign public IP addresses"},
	{ID: "ECS.17", Title: "ECS task definitions should not use host network mode"},
	{ID: "ECS.18", Title: "ECS Task Definitions should use in-transit encryption for EFS volumes"},
	{ID: "ECS.19", Title: "ECS capacity providers should have managed termination protection enabled"},
	{ID: "ECS.20", Title: "ECS Task Definitions should configure non-root users in Linux container definitions"},
	{ID: "ECS.21", Title: "ECS Task Definitions should configure non-administrator users in Windows container definitions"},
	{ID: "EKS.1", Title: "EKS cluster endpoints should not be publicly accessible"},
	{ID: "EKS.2", Title: "EKS clusters should run on a supported Kubernetes version",
		Note: "Judged against the dated table of versions in standard support (option eks-minimum-version)."},
	{ID: "EKS.3", Title: "EKS clusters should use encrypted Kubernetes secrets"},
	{ID: "EKS.6", Title: "EKS clusters should be tagged", Note: "As ECS.13."},
	{ID: "EKS.7", Title: "EKS identity provider configurations should be tagged", Note: "As ECS.13."},
	{ID: "EKS.8", Title: "EKS clusters should have audit logging enabled"},
}
