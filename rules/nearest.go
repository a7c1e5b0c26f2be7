package rules

import "github.com/ecslint/ecslint/lint"

// nearest is the did-you-mean of ECS000's key and value errors; the config
// loader makes the same suggestions for rule options.
func nearest(key string, candidates []string) string { return lint.Nearest(key, candidates) }
