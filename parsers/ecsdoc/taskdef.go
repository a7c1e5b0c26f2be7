package ecsdoc

import "github.com/ecslint/ecslint/lint"

// TaskDefinition fills td from a task-definition object: the
// register-task-definition input, CloudFormation properties, or Terraform's
// equivalent built by its parser.
func TaskDefinition(d Doc, td *lint.TaskDefinition) {
	td.Doc = d.N
	td.DocStyle = d.Style
	td.Family = d.String("family")
	td.NetworkMode = d.String("networkMode")
	td.PidMode = d.String("pidMode")
	td.IpcMode = d.String("ipcMode")
	td.TaskRoleArn = d.String("taskRoleArn")
	td.ExecutionRoleArn = d.String("executionRoleArn")
	td.RequiresCompatibilities = d.Strings("requiresCompatibilities")
	td.Cpu = d.String("cpu")
	td.Memory = d.String("memory")
	rp, _ := d.Sub("runtimePlatform")
	td.OperatingSystemFamily = rp.String("operatingSystemFamily")
	for _, v := range d.Objects("volumes") {
		td.Volumes = append(td.Volumes, Volume(v))
	}
	if f := d.Field("containerDefinitions"); f != nil {
		td.ContainersRange = f.KeyRange
		containersNode(f.Value, d.Style, td, d.release)
	}
	td.Tags = Tags(d)
}

// Containers fills td's containers from the field holding the container
// definitions array.
func Containers(f *lint.Field, style lint.KeyStyle, td *lint.TaskDefinition) {
	if f == nil {
		return
	}
	td.ContainersRange = f.KeyRange
	ContainersNode(f.Value, style, td)
}

// ContainersNode fills td's containers from a container definitions array.
// In the ProviderJSON style the array is read as the Terraform AWS provider
// reads it, and ContainersDoc holds it with the API's keys.
func ContainersNode(n *lint.Node, style lint.KeyStyle, td *lint.TaskDefinition) {
	containersNode(n, style, td, false)
}

// containersNode is ContainersNode, dropping the entries of the
// containers' lists from the tree as they are decoded when release is set
// (see Doc.Releasing).
func containersNode(n *lint.Node, style lint.KeyStyle, td *lint.TaskDefinition, release bool) {
	if style == lint.ProviderJSON {
		if n, td.CaseVariants = ProviderKeys(n); n == nil {
			// Too large to read: the Terraform parser notes it.
			td.DocStyle, td.ContainersState = style, lint.Unknown
			return
		}
	}
	td.ContainersDoc = n
	td.DocStyle = style
	switch n.Kind {
	case lint.ArrayNode:
		td.ContainersState = lint.Known
	case lint.UnknownNode:
		td.ContainersState = lint.Unknown
		return
	}
	for _, it := range Items(n) {
		if it.Kind == lint.ObjectNode {
			td.Containers = append(td.Containers, Container(Doc{N: it, Style: style, release: release}))
		}
	}
}

// Volume decodes one volume object.
func Volume(d Doc) *lint.Volume {
	v := &lint.Volume{Range: d.Range(), Name: d.String("name")}
	host, hp := d.Sub("host")
	v.Host = hp
	v.HostSourcePath = host.String("sourcePath")
	efs, ep := d.Sub("efsVolumeConfiguration")
	v.EFS = ep
	v.EFSFileSystemID = efs.String("fileSystemId")
	v.EFSTransitEncryption = efs.String("transitEncryption")
	return v
}

// Container decodes one container definition object.
func Container(d Doc) *lint.Container {
	c := &lint.Container{
		Range:                  d.Range(),
		Name:                   d.String("name"),
		Image:                  d.String("image"),
		Essential:              d.Bool("essential"),
		Privileged:             d.Bool("privileged"),
		User:                   d.String("user"),
		ReadonlyRootFilesystem: d.Bool("readonlyRootFilesystem"),
	}
	// The model's values are large: size the slices once.
	c.Environment = collect(d, "environment", func(e Doc) lint.KeyValue {
		return lint.KeyValue{Range: e.Range(), Name: e.String("name"), Value: e.String("value")}
	})
	c.Secrets = collect(d, "secrets", func(s Doc) lint.Secret {
		return lint.Secret{Range: s.Range(), Name: s.String("name"), ValueFrom: s.String("valueFrom")}
	})
	d.entries("environmentFiles", func(e Doc) {
		c.EnvironmentFiles = append(c.EnvironmentFiles, lint.EnvironmentFile{Range: e.Range(), Value: e.String("value"), Type: e.String("type")})
	})

	logs, lp := d.Sub("logConfiguration")
	c.LogConfiguration.Presence = lp
	c.LogConfiguration.LogDriver = logs.String("logDriver")
	opts := logs.Field("options")
	c.LogConfiguration.OptionsSet = optionsPresence(logs, opts)
	if opts != nil && opts.Value.Kind == lint.ObjectNode && len(opts.Value.Fields) > 0 {
		c.LogConfiguration.Options = make([]lint.KeyValue, 0, len(opts.Value.Fields))
		for _, o := range opts.Value.Fields {
			c.LogConfiguration.Options = append(c.LogConfiguration.Options, lint.KeyValue{
				Range: o.KeyRange,
				Name:  lint.KnownValue(o.Key, o.KeyRange),
				Value: String(o),
			})
		}
	}
	c.LogConfiguration.SecretOptions = secrets(logs.Objects("secretOptions"))

	lin, lip := d.Sub("linuxParameters")
	c.LinuxParameters.Presence = lip
	caps, _ := lin.Sub("capabilities")
	c.LinuxParameters.CapabilitiesAdd = caps.Strings("add")
	c.LinuxParameters.CapabilitiesDrop = caps.Strings("drop")

	d.entries("mountPoints", func(m Doc) {
		c.MountPoints = append(c.MountPoints, lint.MountPoint{
			Range: m.Range(), SourceVolume: m.String("sourceVolume"),
			ContainerPath: m.String("containerPath"), ReadOnly: m.Bool("readOnly"),
		})
	})
	rc, rcp := d.Sub("repositoryCredentials")
	c.RepositoryCredentials.Presence = rcp
	c.RepositoryCredentials.CredentialsParameter = rc.String("credentialsParameter")
	_, c.HealthCheck = d.Sub("healthCheck")
	c.Cpu = Int(d.String("cpu"))
	c.Memory = Int(d.String("memory"))
	c.MemoryReservation = Int(d.String("memoryReservation"))
	d.entries("portMappings", func(m Doc) {
		c.PortMappings = append(c.PortMappings, lint.PortMapping{
			Range: m.Range(), ContainerPort: Int(m.String("containerPort")),
			HostPort: Int(m.String("hostPort")), Protocol: m.String("protocol"),
		})
	})
	return c
}

// optionsPresence says whether a log configuration's options are there
// and fully known: an object of known keys (with no alternatives, which
// ecslint does not read option by option) is Known, anything else set is
// Unknown.
func optionsPresence(logs Doc, f *lint.Field) lint.Presence {
	if f == nil && logs.partial() {
		// The options may be in what could not be read.
		return lint.Presence{State: lint.Unknown, Range: logs.N.Range}
	}
	if f == nil || f.Value == nil || f.Value.Kind == lint.NullNode {
		return lint.Presence{}
	}
	p := lint.Presence{State: lint.Unknown, Range: f.KeyRange}
	if f.Value.Kind == lint.ObjectNode && !f.Value.Partial && len(f.Value.Alts()) == 0 {
		p.State = lint.Known
	}
	return p
}

func secrets(docs []Doc) []lint.Secret {
	if len(docs) == 0 {
		return nil
	}
	out := make([]lint.Secret, 0, len(docs))
	for _, s := range docs {
		out = append(out, lint.Secret{Range: s.Range(), Name: s.String("name"), ValueFrom: s.String("valueFrom")})
	}
	return out
}
