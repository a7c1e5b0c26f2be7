package rules

import "testing"

func TestPlaceholder(t *testing.T) {
	for v, want := range map[string]bool{
		"${IMAGE}": true, "repo/app:${TAG}": true, "{{ .Values.image }}": true, "#{Octopus.Image}": true,
		"$(Build.Image)": true, "$IMAGE": true, "<IMAGE1_NAME>": true, "repo/<NAME>:1": true,
		"nginx:1.27": false, "hunter2": false, "a<b": false, "": false, "arn:aws:ssm:x": false,
	} {
		if got := placeholder(v); got != want {
			t.Errorf("placeholder(%q) = %v, want %v", v, got, want)
		}
	}
}
