package provider

import (
	"context"
	"fmt"
	"math"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// wholeNumber checks an integer attribute. Integer attributes are Numbers
// in the schema rather than Int64s: the framework turns a fraction in an
// Int64 attribute into an error that blames the provider and prints
// "%!s(*big.Float=5060.5)", while a Number reaches this check intact.
type wholeNumber struct {
	min, max int64
}

// between accepts the whole numbers from lo to hi.
func between(lo, hi int64) validator.Number { return wholeNumber{min: lo, max: hi} }

// maxInt32 bounds values with no documented range: the firmware's JSON
// library is not known to take more.
const maxInt32 = math.MaxInt32

var anyWholeNumber = wholeNumber{min: math.MinInt64, max: math.MaxInt64}

func (v wholeNumber) Description(context.Context) string {
	if v == anyWholeNumber {
		return "must be a whole number"
	}
	return fmt.Sprintf("must be a whole number between %d and %d", v.min, v.max)
}

func (v wholeNumber) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v wholeNumber) ValidateNumber(ctx context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	n := req.ConfigValue.ValueBigFloat()
	i, acc := n.Int64()
	switch {
	case !n.IsInt():
		resp.Diagnostics.AddAttributeError(req.Path, summaryInvalidValue,
			fmt.Sprintf("The %s %s, not %s.", req.Path, v.Description(ctx), n.Text('g', 20)))
	case acc != big.Exact || i < v.min || i > v.max:
		resp.Diagnostics.AddAttributeError(req.Path, summaryInvalidValue,
			fmt.Sprintf("The %s must be a whole number between %d and %d, not %s: it is out of range.", req.Path, v.min, v.max, n.Text('g', 20)))
	}
}

// wholeValue reads a Number attribute that wholeNumber has checked; null
// and unknown read as 0.
func wholeValue(v basetypes.NumberValue) int64 {
	if v.IsNull() || v.IsUnknown() {
		return 0
	}
	i, _ := v.ValueBigFloat().Int64()
	return i
}
