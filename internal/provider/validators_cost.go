package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
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

type describedString struct {
	validator.String
	description, markdown string
}

func (v describedString) Description(context.Context) string         { return v.description }
func (v describedString) MarkdownDescription(context.Context) string { return v.markdown }

type describedNumber struct {
	validator.Number
	description, markdown string
}

func (v describedNumber) Description(context.Context) string         { return v.description }
func (v describedNumber) MarkdownDescription(context.Context) string { return v.markdown }

type describedList struct {
	validator.List
	description, markdown string
}

func (v describedList) Description(context.Context) string         { return v.description }
func (v describedList) MarkdownDescription(context.Context) string { return v.markdown }

type describedInt64 struct {
	validator.Int64
	description, markdown string
}

func (v describedInt64) Description(context.Context) string         { return v.description }
func (v describedInt64) MarkdownDescription(context.Context) string { return v.markdown }

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
	ctx := context.Background()
	return describedString{c, c.Description(ctx), c.MarkdownDescription(ctx)}
}

func describeNumbers(checks []validator.Number) []validator.Number {
	ctx := context.Background()
	out := make([]validator.Number, len(checks))
	for i, c := range checks {
		out[i] = describedNumber{c, c.Description(ctx), c.MarkdownDescription(ctx)}
	}
	return out
}

func describeLists(checks []validator.List) []validator.List {
	ctx := context.Background()
	out := make([]validator.List, len(checks))
	for i, c := range checks {
		out[i] = describedList{c, c.Description(ctx), c.MarkdownDescription(ctx)}
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

type pairInt64 struct {
	describedInt64
	pairRule
}

func (v pairInt64) ValidateInt64(ctx context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if !v.silent(req.Config.Raw) {
		v.describedInt64.ValidateInt64(ctx, req, resp)
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

// alsoRequiresInt64 is int64validator.AlsoRequires of the top-level
// attribute other.
func alsoRequiresInt64(other string) validator.Int64 {
	v := int64validator.AlsoRequires(path.MatchRoot(other))
	ctx := context.Background()
	return pairInt64{describedInt64{v, v.Description(ctx), v.MarkdownDescription(ctx)}, pairRule{other: other}}
}
