package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// A settings block is data: where it lives on the panel, how it is
// posted, and its fields. One generic resource and one generic data
// source serve every block (settings_resource.go, settings_data_source.go).

// fieldKind is a field's Terraform type.
type fieldKind int

const (
	kindString fieldKind = iota
	kindInt
	kindBool
	// kindList is a list of strings the panel carries as one
	// space-separated string (NTP servers).
	kindList
)

// presence says what an attribute left out of the configuration means.
type presence int

const (
	// unmanaged: Optional and Computed. Left out, the attribute is not
	// managed: state follows the panel, and a write sends the panel's own
	// value back.
	unmanaged presence = iota
	// required: the configuration must set it.
	required
	// defaulted: Optional and Computed with a default that left-out means.
	defaulted
	// optional: Optional only; left out is the wire's empty value ("").
	optional
)

// equality is how a value the panel reports is compared with the one
// Terraform holds, for firmware that stores values its own way.
type equality int

const (
	equalExact equality = iota
	// equalHost: host names are case-insensitive, and surrounding spaces
	// are not part of them.
	equalHost
	// equalText: surrounding spaces are padding, not text.
	equalText
)

// fieldSpec is one attribute and the wire field behind it.
type fieldSpec struct {
	name        string // Terraform attribute
	wire        string // the panel's field
	kind        fieldKind
	description string // what the value is, for the resource and the data source
	// rules is what the resource accepts or does with the value, which a
	// data source that only reads it has no use for.
	rules     string
	presence  presence
	def       any // the default of a defaulted field: string, int64 or bool
	equal     equality
	sensitive bool
	// masked: firmware may report the value as asterisks, which then
	// says nothing about it, so the value Terraform knows stands.
	masked bool
	// writeOnly adds <name>_wo and <name>_wo_version: the value is sent
	// from the configuration and never stored; a salted hash of it in
	// private state lets refresh notice that the panel's value changed.
	writeOnly bool
	// mayBeAbsent: some firmware leaves the field out of its answers.
	mayBeAbsent bool
	endpoint    int // index into blockSpec.endpoints

	stringValidators []validator.String
	intValidators    []validator.Number
	listValidators   []validator.List
}

// endpointSpec is one panel object a block reads and writes.
type endpointSpec struct {
	path       string
	wrapper    string // POST wrapper object; "" for a flat body
	aggregated bool   // also served by GET intercom/gconfig
}

// blockSpec describes one settings block: a resource and a data source of
// the same name.
type blockSpec struct {
	typeName    string // after "intercom_"
	title       string // in diagnostic summaries: "SIP Config"
	what        string // in sentences: "the SIP account"
	description string // the resource's; the data source's is derived
	endpoints   []endpointSpec
	fields      []fieldSpec
	// reset, when set, adds reset_on_destroy: destroy may write these wire
	// values, for blocks whose "empty" state is known (the SIP account).
	reset client.Values
	// checkWrite runs before a write with the values about to be sent and
	// those state held before (nil on create); a block whose values must
	// match a list on the panel checks it here.
	checkWrite func(ctx context.Context, c *client.Client, send, before client.Values, diags *diag.Diagnostics)
}

// clientEndpoints is the block's endpoints as the client sees them.
func (b *blockSpec) clientEndpoints() []client.Endpoint {
	out := make([]client.Endpoint, len(b.endpoints))
	for i, e := range b.endpoints {
		out[i] = client.Endpoint{Path: e.path, Wrapper: e.wrapper, Aggregated: e.aggregated}
	}
	for _, f := range b.fields {
		t := client.String
		switch f.kind {
		case kindInt:
			t = client.Int
		case kindBool:
			t = client.Bool
		}
		out[f.endpoint].Fields = append(out[f.endpoint].Fields,
			client.Field{Name: f.wire, Type: t, MayBeAbsent: f.mayBeAbsent, Secret: f.sensitive})
	}
	return out
}
