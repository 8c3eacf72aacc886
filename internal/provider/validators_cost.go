package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/numbervalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The framework (v1.19) asks each validator of an attribute for its
// description twice per validation, to log it, whether logging is on or
// not; and ConflictsWith and AlsoRequires walk the whole configuration to
// find the other attribute, even when its value means they cannot object.
// On a plan of a thousand settings resources that was most of what the
// engine's validators cost. The wrappers here answer exactly as the
// validators they wrap: the description is worked out once, when the
// schema is built, and a rule between two attributes is skipped when the
// other one's value leaves it nothing to say (TestPairRulesAnswerAsWrapped).

// descriptions answers for a validator with descriptions worked out once.
type descriptions struct{ description, markdown string }

func (d descriptions) Description(context.Context) string         { return d.description }
func (d descriptions) MarkdownDescription(context.Context) string { return d.markdown }

func describe(v validator.Describer) descriptions {
	ctx := context.Background()
	return descriptions{v.Description(ctx), v.MarkdownDescription(ctx)}
}

// The validator sits one level below descriptions, so that its own
// Description methods are the ones hidden.
type (
	wrappedString struct{ validator.String }
	wrappedNumber struct{ validator.Number }
	wrappedList   struct{ validator.List }
)

type describedString struct {
	descriptions
	wrappedString
}

type describedNumber struct {
	descriptions
	wrappedNumber
}

type describedList struct {
	descriptions
	wrappedList
}

// describeStrings and its siblings give each validator its descriptions
// once; descriptions do not depend on the call.
func describeStrings(checks []validator.String) []validator.String {
	out := make([]validator.String, len(checks))
	for i, c := range checks {
		out[i] = describeString(c)
	}
	return out
}

func describeString(c validator.String) describedString {
	return describedString{describe(c), wrappedString{c}}
}

func describeNumbers(checks []validator.Number) []validator.Number {
	out := make([]validator.Number, len(checks))
	for i, c := range checks {
		out[i] = describedNumber{describe(c), wrappedNumber{c}}
	}
	return out
}

func describeLists(checks []validator.List) []validator.List {
	out := make([]validator.List, len(checks))
	for i, c := range checks {
		out[i] = describedList{describe(c), wrappedList{c}}
	}
	return out
}

// pairRule is ConflictsWith (conflicts) or AlsoRequires between a
// top-level attribute and another one, other. ConflictsWith objects only
// to another attribute that is set, and AlsoRequires only to one that is
// null: either says nothing otherwise, whatever the attribute's own value.
type pairRule struct {
	other     string
	conflicts bool
}

// silent reports whether the rule has nothing to say about config. A
// configuration it cannot read goes to the rule, which says what is wrong.
func (p pairRule) silent(config tftypes.Value) bool {
	got, err := config.ApplyTerraform5AttributePathStep(tftypes.AttributeName(p.other))
	v, ok := got.(tftypes.Value)
	if err != nil || !ok {
		return false
	}
	return v.IsNull() == p.conflicts
}

type pairString struct {
	describedString
	pairRule
}

func (v pairString) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !v.silent(req.Config.Raw) {
		v.describedString.ValidateString(ctx, req, resp)
	}
}

type pairNumber struct {
	describedNumber
	pairRule
}

func (v pairNumber) ValidateNumber(ctx context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if !v.silent(req.Config.Raw) {
		v.describedNumber.ValidateNumber(ctx, req, resp)
	}
}

// conflictsWith is stringvalidator.ConflictsWith of the top-level
// attribute other.
func conflictsWith(other string) validator.String {
	return pairString{describeString(stringvalidator.ConflictsWith(path.MatchRoot(other))), pairRule{other: other, conflicts: true}}
}

// alsoRequires is stringvalidator.AlsoRequires of the top-level attribute
// other.
func alsoRequires(other string) validator.String {
	return pairString{describeString(stringvalidator.AlsoRequires(path.MatchRoot(other))), pairRule{other: other}}
}

// alsoRequiresNumber is numbervalidator.AlsoRequires of the top-level
// attribute other.
func alsoRequiresNumber(other string) validator.Number {
	v := numbervalidator.AlsoRequires(path.MatchRoot(other))
	return pairNumber{describedNumber{describe(v), wrappedNumber{v}}, pairRule{other: other}}
}
