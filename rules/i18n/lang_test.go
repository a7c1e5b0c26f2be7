package i18n

import "testing"

func TestFromLocale(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{}, English},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, Japanese},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, Chinese},
		{map[string]string{"LANG": "zh_SG"}, Chinese},
		{map[string]string{"LANG": "zh_TW.UTF-8"}, English}, // Traditional: no Simplified pages for it
		{map[string]string{"LANG": "zh_HK"}, English},
		{map[string]string{"LANG": "ko_KR.eucKR"}, Korean},
		{map[string]string{"LANG": "fr_CA.UTF-8"}, French},
		{map[string]string{"LANG": "fr_BE@euro"}, French},
		{map[string]string{"LANG": "de_DE.UTF-8"}, English},
		{map[string]string{"LANG": "C"}, English},
		{map[string]string{"LANG": "POSIX"}, English},
		{map[string]string{"LANG": "C.UTF-8"}, English},
		{map[string]string{"LANG": "en_US.UTF-8"}, English},
		// LC_ALL overrides LC_MESSAGES, which overrides LANG; empty is unset.
		{map[string]string{"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, English},
		{map[string]string{"LC_ALL": "fr_FR.UTF-8", "LC_MESSAGES": "ko_KR.UTF-8", "LANG": "ja_JP"}, French},
		{map[string]string{"LC_MESSAGES": "ko_KR.UTF-8", "LANG": "ja_JP"}, Korean},
		{map[string]string{"LC_ALL": "", "LC_MESSAGES": "", "LANG": "ja_JP"}, Japanese},
	} {
		if got := FromLocale(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("%v: %s, want %s", tt.env, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{"ja": Japanese, "ZH": Chinese, "ko": Korean, "Fr": French, "en": English} {
		if got, ok := Parse(in); !ok || got != want {
			t.Errorf("Parse(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "de", "ja_JP", "zh-TW", "english"} {
		if got, ok := Parse(in); ok {
			t.Errorf("Parse(%q) = %q, want not supported", in, got)
		}
	}
}

// TestEncodeDecode: a file written by Encode reads back to the same texts,
// with the English's hashes, whatever the text holds (YAML syntax, quotes,
// a leading backquote, several lines).
func TestEncodeDecode(t *testing.T) {
	english := []Field{{"summary", "a"}, {"rationale", "b"}, {"option.x", "c"}}
	texts := map[string]string{"summary": "`code`: # not a comment", "rationale": "\"quoted\" - [x] {y}", "option.x": "two\nlines"}
	f, err := Decode(Encode("T", Japanese, english, texts))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range english {
		if f.Texts[e.Key] != texts[e.Key] || f.Hashes[e.Key] != Hash(e.Text) {
			t.Errorf("%s: read back %q (hash %s), want %q (hash %s)", e.Key, f.Texts[e.Key], f.Hashes[e.Key], texts[e.Key], Hash(e.Text))
		}
	}
}

// TestRefresh: refreshing records the English's hashes, drops a field the
// English no longer has, and refuses a field not yet translated.
func TestRefresh(t *testing.T) {
	old := []byte("summary: |-\n  résumé\nold: |-\n  gone\nsha256:\n  summary: \"0000000000000000\"\n")
	english := []Field{{"summary", "Summary."}}
	out, err := Refresh(old, "T", French, english)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Decode(out)
	if err != nil || f.Texts["summary"] != "résumé" || f.Hashes["summary"] != Hash("Summary.") || len(f.Texts) != 1 || len(f.Hashes) != 1 {
		t.Errorf("refreshed to %q (%v)", out, err)
	}
	if _, err := Refresh(old, "T", French, append(english, Field{"rationale", "Why."})); err == nil || err.Error() != "translate rationale first" {
		t.Errorf("untranslated field: %v", err)
	}
}
