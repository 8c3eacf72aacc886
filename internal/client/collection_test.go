package client_test

import (
	"context"
	"testing"

	"github.com/domofon/terraform-provider-intercom/internal/client"
	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

var flats = client.Collection{Path: fakepanel.FlatsPath, Wrapper: "aFlats", Key: "iFlatID", Fields: []client.Field{
	{Name: "iFlatID", Type: client.Int}, {Name: "iFlatType", Type: client.Int}, {Name: "iAnalogCallAccess", Type: client.Int},
	{Name: "iVoipCallAccess", Type: client.Int}, {Name: "sVoipAddress", Type: client.String}, {Name: "iDigitalAddress", Type: client.Int},
	{Name: "iMatrixAddress", Type: client.Int}, {Name: "iAtAnalog", Type: client.Int}, {Name: "iAtRing", Type: client.Int},
	{Name: "iAtVoip", Type: client.Int}, {Name: "iExtAtVoip", Type: client.Int}, {Name: "iPanelAnalog", Type: client.Int},
	{Name: "iHungVoltage", Type: client.Int}, {Name: "iSpeakVoltage", Type: client.Int}, {Name: "iUnlockVoltage", Type: client.Int},
}}

// A building of 9,999 flats is written in POSTs of at most
// MaxItemsPerPost items, which the panel's body limit takes, and read back
// whole, although its list is larger than any settings answer may be.
func TestCollectionOfAWholeBuilding(t *testing.T) {
	fleet, srv := startFleet(t)
	c := newClient(t, srv.URL)
	items := make([]client.Values, 0, 9999)
	for i := int64(1); i <= 9999; i++ {
		v := client.Values{"sVoipAddress": "sip:flat@pbx.example"}
		for _, f := range flats.Fields {
			if f.Type == client.Int {
				v[f.Name] = int64(0)
			}
		}
		v["iFlatID"] = i
		items = append(items, v)
	}
	if err := c.Upsert(context.Background(), flats, items); err != nil {
		t.Fatalf("Upsert: %v", err)
	}
	if got, want := fleet.RequestsTo("POST", fakepanel.FlatsPath), (9999+client.MaxItemsPerPost-1)/client.MaxItemsPerPost; got != want {
		t.Errorf("%d POSTs, want %d", got, want)
	}
	listed, err := c.List(context.Background(), flats)
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(listed) != 9999 || listed[9998]["iFlatID"] != int64(9999) {
		t.Errorf("listed %d flats, the last %v", len(listed), listed[len(listed)-1]["iFlatID"])
	}
}
