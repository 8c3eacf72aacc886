package provider

import (
	"context"
	"fmt"
	"math/big"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var _ action.ActionWithConfigure = (*openDoorAction)(nil)

// NewOpenDoorAction returns the intercom_open_door action (Terraform
// 1.14+): open one door of a panel, once, and read its state back.
func NewOpenDoorAction() action.Action {
	return &openDoorAction{}
}

type openDoorAction struct {
	panelAction
}

type openDoorActionModel struct {
	Address types.String `tfsdk:"address"`
	Door    types.Number `tfsdk:"door"`
}

func (a *openDoorAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_open_door"
}

func (a *openDoorAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Opens one door of a panel (`POST /api/v1.cgi/intercom/doors` with " +
			"`{\"id\": <door>, \"open\": true}`, sent once, never retried, so that a lost answer never opens the door " +
			"twice), then reads the doors back (`GET intercom/doors`) and reports the door's state as a progress " +
			"message. A door the panel still reports closed is an error: the lock did not move. " +
			"It is an action and never a resource, so that no plan and no apply of resources ever opens a door: " +
			"it opens one only when invoked, with `terraform apply -invoke=action.intercom_open_door.<name>`, or " +
			"through an `action_trigger` that you write. The door closes again by itself after the panel's " +
			"hold time (`intercom_timeouts`' `door_open_ms`).",
		Attributes: map[string]schema.Attribute{
			"address": actionAddress(),
			"door": schema.NumberAttribute{
				Required: true,
				MarkdownDescription: "Which door to open: `1` or `2`, the ids the panel lists in `intercom/doors` " +
					"(see the `intercom_doors` data source).",
				Validators: []validator.Number{between(1, 2)},
			},
		},
	}
}

func (a *openDoorAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg openDoorActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := a.panel(cfg.Address, &resp.Diagnostics)
	if c == nil {
		return
	}
	id := int(wholeValue(cfg.Door))
	door := fmt.Sprintf("door %d of panel %s", id, c.BaseURL())
	if err := c.OpenDoor(ctx, id); err != nil {
		resp.Diagnostics.AddError("Error Opening Door", redact("Could not open "+door+": "+err.Error()+"\n\n"+
			sentOnceHint(err, "door")))
		return
	}
	progress := actionProgress(resp)
	progress("Panel " + c.BaseURL() + " took the request to open door " + strconv.Itoa(id))
	doors, err := c.Doors(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Error Reading Door State", redact("The panel took the request to open "+door+
			", but its state could not be read back: "+err.Error()+"\n\nThe request is not sent again: check the door "+
			"before invoking the action again."))
		return
	}
	for _, d := range doors {
		if d.ID == id && d.Open {
			progress("Panel " + c.BaseURL() + ": door " + strconv.Itoa(id) + " is open")
			return
		}
	}
	resp.Diagnostics.AddError("Door Did Not Open", "Panel "+c.BaseURL()+" took the request to open door "+
		strconv.Itoa(id)+" but reports it closed (GET intercom/doors). The lock did not move, or the panel's hold "+
		"time is too short to see it open: check the lock and its wiring, and intercom_timeouts' door_open_ms. "+
		"The request was sent once and is not repeated.")
}

// doorsFacts is the intercom_doors data source.
var doorsFacts = &factsSpec{
	typeName: "doors",
	paths:    []string{"intercom/doors"},
	title:    "Doors",
	what:     "the doors",
	description: "The doors of a panel and whether each is open now (`GET /api/v1.cgi/intercom/doors`). An opened " +
		"door closes again by itself after the panel's hold time, so the state is that of the moment of the read.",
	attributes: map[string]dsschema.Attribute{
		"doors": dsschema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "The doors in the panel's order.",
			NestedObject: dsschema.NestedAttributeObject{Attributes: map[string]dsschema.Attribute{
				"id":   dsschema.NumberAttribute{Computed: true, MarkdownDescription: "The door's id, as `intercom_open_door` takes it."},
				"open": dsschema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the door is open now."},
			}},
		},
	},
	read: func(ctx context.Context, c *client.Client) (map[string]attr.Value, error) {
		doors, err := c.Doors(ctx)
		if err != nil {
			return nil, err
		}
		return map[string]attr.Value{"doors": flattenDoors(doors)}, nil
	},
}

var doorType = types.ObjectType{AttrTypes: map[string]attr.Type{"id": types.NumberType, "open": types.BoolType}}

func flattenDoors(doors []client.Door) attr.Value {
	items := make([]attr.Value, 0, len(doors))
	for _, d := range doors {
		items = append(items, types.ObjectValueMust(doorType.AttrTypes, map[string]attr.Value{
			"id": types.NumberValue(big.NewFloat(float64(d.ID))), "open": types.BoolValue(d.Open),
		}))
	}
	return types.ListValueMust(doorType, items)
}
