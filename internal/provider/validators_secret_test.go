package provider

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A wrapped validator whose error quotes the value loses its words; one
// whose words do not depend on the value keeps them.
func TestSecretSafe(t *testing.T) {
	quoting := stringvalidator.RegexMatches(regexp.MustCompile(`^[0-9]+$`), "must be digits")
	blind := stringvalidator.LengthAtLeast(100)
	for _, tc := range []struct {
		check     validator.String
		keepWords bool
	}{{quoting, false}, {blind, false}, {fixedError{}, true}} {
		req := validator.StringRequest{Path: path.Root("code"), ConfigValue: types.StringValue("98a65")}
		plain := validator.StringResponse{}
		tc.check.ValidateString(context.Background(), req, &plain)
		resp := validator.StringResponse{}
		secretSafe([]validator.String{tc.check})[0].ValidateString(context.Background(), req, &resp)
		if len(resp.Diagnostics) != 1 {
			t.Fatalf("%T: %d diagnostics, want 1", tc.check, len(resp.Diagnostics))
		}
		detail := resp.Diagnostics[0].Detail()
		if strings.Contains(detail, "98a65") || strings.Contains(detail, "5 ") {
			t.Errorf("%T: the error shows the value: %s", tc.check, detail)
		}
		if kept := detail == plain.Diagnostics[0].Detail(); kept != tc.keepWords {
			t.Errorf("%T: kept its words %v, want %v: %s", tc.check, kept, tc.keepWords, detail)
		}
	}
}

// fixedError refuses any value in the same words.
type fixedError struct{}

func (fixedError) Description(context.Context) string         { return "is never allowed" }
func (fixedError) MarkdownDescription(context.Context) string { return "is never allowed" }
func (fixedError) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	resp.Diagnostics.AddAttributeError(req.Path, "No", "This attribute may not be set here.")
}
