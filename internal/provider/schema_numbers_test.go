package provider

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Integers are Numbers with a whole-number check in every schema, so one
// attribute has one type in a resource and in the data source of its
// block, and a fraction gets our error instead of the framework's
// "%!s(*big.Float=…)".
func TestIntegersAreNumbersEverywhere(t *testing.T) {
	ctx := context.Background()
	p := New("test")().(*intercomProvider) //nolint:forcetypeassert // the provider's own type.
	schemas := map[string]any{}
	pr := &provider.SchemaResponse{}
	p.Schema(ctx, provider.SchemaRequest{}, pr)
	schemas["provider"] = pr.Schema
	for _, f := range p.Resources(ctx) {
		r := f()
		m, s := &resource.MetadataResponse{}, &resource.SchemaResponse{}
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "intercom"}, m)
		r.Schema(ctx, resource.SchemaRequest{}, s)
		schemas["resource "+m.TypeName] = s.Schema
	}
	for _, f := range p.DataSources(ctx) {
		d := f()
		m, s := &datasource.MetadataResponse{}, &datasource.SchemaResponse{}
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "intercom"}, m)
		d.Schema(ctx, datasource.SchemaRequest{}, s)
		schemas["data source "+m.TypeName] = s.Schema
	}
	for _, f := range p.ListResources(ctx) {
		l := f()
		m, s := &resource.MetadataResponse{}, &list.ListResourceSchemaResponse{}
		l.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "intercom"}, m)
		l.ListResourceConfigSchema(ctx, list.ListResourceSchemaRequest{}, s)
		schemas["list "+m.TypeName] = s.Schema
	}
	for _, f := range p.Actions(ctx) {
		a := f()
		m, s := &action.MetadataResponse{}, &action.SchemaResponse{}
		a.Metadata(ctx, action.MetadataRequest{ProviderTypeName: "intercom"}, m)
		a.Schema(ctx, action.SchemaRequest{}, s)
		schemas["action "+m.TypeName] = s.Schema
	}
	if len(schemas) < 40 {
		t.Fatalf("found %d schemas; the walk misses some", len(schemas))
	}
	for name, s := range schemas {
		for _, where := range int64Attributes(reflect.ValueOf(s), "") {
			t.Errorf("%s: %s is an Int64 attribute; make it a Number with a whole-number check", name, where)
		}
	}
}

// int64Attributes walks a schema value and names every Int64 attribute in it.
func int64Attributes(v reflect.Value, at string) []string {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return int64Attributes(v.Elem(), at)
	case reflect.Map:
		var out []string
		for _, k := range v.MapKeys() {
			out = append(out, int64Attributes(v.MapIndex(k), strings.TrimPrefix(at+"."+k.String(), "."))...)
		}
		return out
	case reflect.Struct:
		if strings.HasSuffix(v.Type().Name(), "Int64Attribute") {
			return []string{at}
		}
		var out []string
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out = append(out, int64Attributes(v.Field(i), at)...)
			}
		}
		return out
	case reflect.Slice:
		var out []string
		for i := range v.Len() {
			out = append(out, int64Attributes(v.Index(i), at)...)
		}
		return out
	}
	return nil
}
