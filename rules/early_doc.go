package rules

import "github.com/ecslint/ecslint/lint"

func init() { lint.SetEarlyDocCheck(checkDocEarly) }

// checkDocEarly is lint.CheckDocEarly's check: ECS000's check of td's
// document (checkDoc), kept in td.DocCheck, and the outlines of what the
// fixes read of the document (placed, addContainerKey, addVolumeKey), after
// which the document is dropped. A document in the ProviderJSON style is
// kept: its case variants are reported by their path in it.
func checkDocEarly(td *lint.TaskDefinition) bool {
	if td.DocDropped || td.DocStyle == lint.ProviderJSON || len(td.CaseVariants) > 0 {
		return false
	}
	td.DocCheck = checkDoc(td)
	if cs := td.ContainersDoc; cs != nil {
		for _, c := range td.Containers {
			if c.Range.Start.IsZero() {
				continue
			}
			for _, it := range cs.Items {
				if it.Range == c.Range {
					c.Outline = lint.OutlineOf(it)
					break
				}
			}
		}
	}
	if td.Doc != nil {
		volumes, efs := volumeKeys(td)
		if f := td.Doc.Get(volumes); f != nil && f.Value != nil {
			for _, vol := range td.Volumes {
				if vol.Range.Start.IsZero() {
					continue
				}
				for _, it := range f.Value.Items {
					if it.Range == vol.Range {
						if e := it.Get(efs); e != nil && e.Value != nil {
							vol.EFSOutline = lint.OutlineOf(e.Value)
							break
						}
					}
				}
			}
		}
	}
	td.HadDoc, td.HadContainersDoc = td.Doc != nil, td.ContainersDoc != nil
	if td.HadDoc {
		td.DocRange = td.Doc.Range
	}
	if td.HadContainersDoc {
		td.ContainersDocRange = td.ContainersDoc.Range
	}
	td.Doc, td.ContainersDoc, td.DocDropped = nil, nil, true
	return true
}
