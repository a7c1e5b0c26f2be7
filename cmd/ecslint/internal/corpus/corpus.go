// Package corpus writes a synthetic repository of infrastructure code for
// benchmarks and soak tests: Terraform module directories, CloudFormation
// templates, raw task definitions and the unrelated files real repositories
// hold. The same seed always writes the same bytes, so numbers measured on
// two machines (or two commits) are comparable.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Stats says what Generate wrote.
type Stats struct {
	Files, Bytes                               int
	Terraform, CloudFormation, TaskDefs, Noise int // files of each kind
}

// Generate writes about n files under dir (it stops at the first item that
// reaches n), deterministically for a seed. About half the files are
// Terraform (module directories with variables, a local module call and
// container definitions as jsonencode, a heredoc and file()), a third
// CloudFormation (YAML and JSON, some over 100 KB, some without ECS), and
// the rest raw task definitions and files that are not ECS at all.
func Generate(dir string, n int, seed uint64) (Stats, error) {
	// A seeded generator, not crypto/rand: the point is the same bytes
	// for the same seed.
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), dir: dir} //nolint:gosec // G404: reproducibility, not secrecy
	for i := 0; g.stats.Files < n; i++ {
		// Item weights chosen so that file counts come out near 50/33/17:
		// a Terraform item is four to six files, every other item one.
		switch w := g.r.IntN(100); {
		case w < 20:
			g.terraform(i)
		case w < 72:
			g.cloudformation(i)
		case w < 92:
			g.taskdef(i)
		default:
			g.noise(i)
		}
		if g.err != nil {
			return g.stats, g.err
		}
	}
	return g.stats, nil
}

type gen struct {
	r     *rand.Rand
	dir   string
	stats Stats
	err   error
}

func (g *gen) write(kind *int, rel, content string) {
	if g.err != nil {
		return
	}
	p := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil { //nolint:gosec // G301: a corpus is a shared, readable test tree
		g.err = err
		return
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		g.err = err
		return
	}
	g.stats.Files++
	g.stats.Bytes += len(content)
	*kind++
}

func (g *gen) pick(options ...string) string { return options[g.r.IntN(len(options))] }
func (g *gen) chance(percent int) bool       { return g.r.IntN(100) < percent }

var (
	apps   = []string{"api", "web", "worker", "billing", "search", "auth", "gateway", "ingest", "report", "notify"}
	images = []string{"nginx:1.27", "public.ecr.aws/docker/library/redis:7", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:%d", "ghcr.io/acme/svc:v%d", "amazon/aws-for-fluent-bit:stable"}
	envs   = []string{"LOG_LEVEL", "PORT", "REGION", "FEATURE_FLAGS", "DB_HOST", "CACHE_TTL", "QUEUE_URL", "SERVICE_NAME"}
)

// container is one container definition: the fields the rules read, with
// an occasional problem in it, as real repositories have.
type container struct {
	name, image             string
	privileged, noLogs      bool
	env                     [][2]string
	secretEnv, readonlyRoot bool
	port                    int
}

func (g *gen) container(i, j int) container {
	c := container{
		name:         fmt.Sprintf("%s-%d", g.pick(apps...), j),
		image:        strings.Replace(g.pick(images...), "%d", fmt.Sprint(i%50), 1),
		privileged:   g.chance(5),
		noLogs:       g.chance(10),
		secretEnv:    g.chance(5),
		readonlyRoot: g.chance(50),
		port:         8000 + g.r.IntN(1000),
	}
	for range 1 + g.r.IntN(6) {
		c.env = append(c.env, [2]string{g.pick(envs...), fmt.Sprintf("value-%d", g.r.IntN(1000))})
	}
	if c.secretEnv {
		c.env = append(c.env, [2]string{"DB_PASSWORD", fmt.Sprintf("pw-%d-not-real", g.r.IntN(1e6))})
	}
	return c
}

func (g *gen) containers(i int) []container {
	var cs []container
	for j := range 1 + g.r.IntN(3) {
		cs = append(cs, g.container(i, j))
	}
	return cs
}

// containerJSON writes container definitions as the ECS API spells them.
func containerJSON(cs []container, indent string) string {
	var b strings.Builder
	b.WriteString("[\n")
	for k, c := range cs {
		fmt.Fprintf(&b, "%s  {\n%s    \"name\": %q,\n%s    \"image\": %q,\n%s    \"essential\": %t,\n", indent, indent, c.name, indent, c.image, indent, k == 0)
		fmt.Fprintf(&b, "%s    \"portMappings\": [{\"containerPort\": %d, \"protocol\": \"tcp\"}],\n", indent, c.port)
		if c.privileged {
			fmt.Fprintf(&b, "%s    \"privileged\": true,\n", indent)
		}
		fmt.Fprintf(&b, "%s    \"readonlyRootFilesystem\": %t,\n", indent, c.readonlyRoot)
		fmt.Fprintf(&b, "%s    \"environment\": [\n", indent)
		for e, kv := range c.env {
			sep := ","
			if e == len(c.env)-1 {
				sep = ""
			}
			fmt.Fprintf(&b, "%s      {\"name\": %q, \"value\": %q}%s\n", indent, kv[0], kv[1], sep)
		}
		fmt.Fprintf(&b, "%s    ]", indent)
		if !c.noLogs {
			fmt.Fprintf(&b, ",\n%s    \"logConfiguration\": {\"logDriver\": \"awslogs\", \"options\": {\"awslogs-group\": \"/ecs/%s\", \"awslogs-region\": \"eu-west-1\", \"awslogs-stream-prefix\": \"ecs\"}}", indent, c.name)
		}
		sep := ","
		if k == len(cs)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "\n%s  }%s\n", indent, sep)
	}
	b.WriteString(indent + "]")
	return b.String()
}

// taskdef writes a raw task definition: the register-task-definition
// input, the describe output, or a bare container list.
func (g *gen) taskdef(i int) {
	cs := g.containers(i)
	family := fmt.Sprintf("%s-%d", g.pick(apps...), i)
	network := g.pick("awsvpc", "awsvpc", "awsvpc", "bridge", "host")
	var body string
	switch g.r.IntN(4) {
	case 0:
		body = containerJSON(cs, "") + "\n"
	case 1:
		body = fmt.Sprintf("{\n  \"taskDefinition\": {\n    \"taskDefinitionArn\": \"arn:aws:ecs:eu-west-1:123456789012:task-definition/%s:3\",\n    \"family\": %q,\n    \"networkMode\": %q,\n    \"containerDefinitions\": %s,\n    \"revision\": 3,\n    \"status\": \"ACTIVE\"\n  },\n  \"tags\": []\n}\n",
			family, family, network, containerJSON(cs, "    "))
	default:
		pid := ""
		if g.chance(5) {
			pid = "  \"pidMode\": \"host\",\n"
		}
		vol := ""
		if g.chance(10) {
			vol = "  \"volumes\": [{\"name\": \"docker\", \"host\": {\"sourcePath\": \"/var/run/docker.sock\"}}],\n"
		}
		body = fmt.Sprintf("{\n  \"family\": %q,\n  \"networkMode\": %q,\n%s%s  \"requiresCompatibilities\": [\"FARGATE\"],\n  \"cpu\": \"256\",\n  \"memory\": \"512\",\n  \"executionRoleArn\": \"arn:aws:iam::123456789012:role/ecsTaskExecutionRole\",\n  \"containerDefinitions\": %s\n}\n",
			family, network, pid, vol, containerJSON(cs, "  "))
	}
	g.write(&g.stats.TaskDefs, fmt.Sprintf("services/%s/taskdef-%d.json", family, i), body)
}

// noise writes files that are not ECS: they must be skipped, cheaply.
func (g *gen) noise(i int) {
	var name, body string
	switch g.r.IntN(4) {
	case 0:
		name = fmt.Sprintf("web/app-%d/package.json", i)
		body = fmt.Sprintf("{\n  \"name\": \"app-%d\",\n  \"version\": \"1.%d.0\",\n  \"scripts\": {\"build\": \"tsc\", \"test\": \"jest\"},\n  \"dependencies\": {\"express\": \"^4.19.2\", \"pg\": \"^8.11.0\"},\n  \"devDependencies\": {\"typescript\": \"^5.4.0\", \"jest\": \"^29.7.0\"}\n}\n", i, i%20)
	case 1:
		name = fmt.Sprintf("k8s/deploy-%d.yaml", i)
		body = fmt.Sprintf("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-%d\n  labels: {app: app-%d}\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: app-%d}\n  template:\n    metadata:\n      labels: {app: app-%d}\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n          securityContext: {privileged: %t}\n          ports: [{containerPort: 80}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: app-%d}\nspec:\n  selector: {app: app-%d}\n  ports: [{port: 80}]\n", i, i, i, i, g.chance(10), i, i)
	case 2:
		name = fmt.Sprintf("compose/docker-compose-%d.yml", i)
		body = "services:\n  web:\n    image: nginx:1.27\n    ports: [\"8080:80\"]\n    environment:\n      - LOG_LEVEL=info\n  db:\n    image: postgres:16\n    environment: {POSTGRES_PASSWORD: example}\n"
	default:
		name = fmt.Sprintf("web/app-%d/tsconfig.json", i)
		body = "{\n  \"compilerOptions\": {\"target\": \"ES2022\", \"module\": \"commonjs\", \"strict\": true, \"outDir\": \"dist\"},\n  \"include\": [\"src\"]\n}\n"
	}
	g.write(&g.stats.Noise, name, body)
}
