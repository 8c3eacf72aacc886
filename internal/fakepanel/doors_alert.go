package fakepanel

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The doors, the emergency alert and its one upload slot (API-panel.md §4).
const (
	doorsPath      = "intercom/doors"
	alertPath      = "emergency_alert"
	alertSoundPath = "emergency_alert/upload/1"
	uploadedSound  = "alert_1.wav"
)

// opsState is what a panel's last operations left: the doors' open times,
// the alert and the uploaded recording.
type opsState struct {
	openUntil  map[int]time.Time // by door id; 1 and 2, as PM uses
	alert      Alert
	alertUntil time.Time // zero: plays until stopped
	sound      *upload
	// stuckDoor makes a POST leave a door as it is, as a lock that did
	// not move: the read-back then shows it closed.
	stuckDoor bool
}

func newOpsState() opsState {
	return opsState{openUntil: map[int]time.Time{1: {}, 2: {}}}
}

// Door is one door as GET intercom/doors shows it.
type Door struct {
	ID   int  `json:"id"`
	Open bool `json:"open"`
}

// Alert is the emergency alert's five fields, as GET emergency_alert
// shows them and a POST starts one.
type Alert struct {
	Type    string `json:"alert_type"`
	Flat    int    `json:"flat"`
	Playing bool   `json:"alert_status"`
	Sound   string `json:"alarm_alert"`
	Timeout int    `json:"timeout"`
}

// doorHold is how long an opened door stays open: the panel's own
// iTimeoutMsHoldOpenDoorLock. The caller holds the lock.
func (x *panel) doorHold() time.Duration {
	ms, _ := x.blocks["intercom/gconfig/timeouts"]["iTimeoutMsHoldOpenDoorLock"].(int64)
	return time.Duration(ms) * time.Millisecond
}

func (s *Server) serveDoors(w http.ResponseWriter, r *http.Request, prefix, path string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.panelLocked(prefix)
	now := time.Now()
	door := func(id int) Door { return Door{ID: id, Open: now.Before(p.ops.openUntil[id])} }
	if idText, ok := strings.CutPrefix(path, doorsPath+"/"); ok {
		id, err := strconv.Atoi(idText)
		if _, known := p.ops.openUntil[id]; err != nil || !known || r.Method != http.MethodGet {
			writeError(w, http.StatusNotFound, "")
			return
		}
		writeJSON(w, http.StatusOK, door(id))
		return
	}
	if r.Method == http.MethodGet {
		writeJSON(w, http.StatusOK, []Door{door(1), door(2)})
		return
	}
	var req struct {
		ID   *int  `json:"id"`
		Open *bool `json:"open"`
	}
	if json.Unmarshal(body, &req) != nil || req.ID == nil || req.Open == nil {
		writeError(w, http.StatusBadRequest, "Wrong parameters")
		return
	}
	if _, known := p.ops.openUntil[*req.ID]; !known {
		writeError(w, http.StatusNotFound, "")
		return
	}
	switch {
	case p.ops.stuckDoor:
	case *req.Open:
		p.ops.openUntil[*req.ID] = now.Add(p.doorHold())
	default:
		p.ops.openUntil[*req.ID] = time.Time{}
	}
	w.WriteHeader(http.StatusOK)
}

// alertNow is the alert as it stands at now: a timed one ends by itself.
// The caller holds the lock.
func (x *panel) alertNow(now time.Time) Alert {
	if x.ops.alert.Playing && !x.ops.alertUntil.IsZero() && !now.Before(x.ops.alertUntil) {
		x.ops.alert.Playing = false
	}
	return x.ops.alert
}

func (s *Server) serveAlert(w http.ResponseWriter, r *http.Request, prefix string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.panelLocked(prefix)
	now := time.Now()
	if r.Method == http.MethodGet {
		writeJSON(w, http.StatusOK, p.alertNow(now))
		return
	}
	var req struct {
		Alert
		Playing *bool `json:"alert_status"`
	}
	if json.Unmarshal(body, &req) != nil || req.Playing == nil {
		writeError(w, http.StatusBadRequest, "Wrong parameters")
		return
	}
	if !*req.Playing {
		p.ops.alert.Playing = false
		w.WriteHeader(http.StatusOK)
		return
	}
	a := req.Alert
	switch {
	case a.Type != "speaker" && a.Type != "flat", a.Flat < 0, a.Type == "flat" && a.Flat == 0, a.Timeout < 0,
		a.Sound != "" && a.Sound != uploadedSound:
		writeError(w, http.StatusBadRequest, "Wrong parameters")
		return
	case a.Sound == uploadedSound && p.ops.sound == nil:
		writeError(w, http.StatusNotFound, "")
		return
	}
	a.Playing = true
	p.ops.alert, p.ops.alertUntil = a, time.Time{}
	if a.Timeout > 0 {
		p.ops.alertUntil = now.Add(time.Duration(a.Timeout) * time.Second)
	}
	w.WriteHeader(http.StatusOK)
}

// serveAlertSound takes (POST) or removes (DELETE) the one uploaded
// recording: a WAV file of at most 1 MB in the multipart field "sound".
func (s *Server) serveAlertSound(w http.ResponseWriter, r *http.Request, prefix string) {
	if r.Method == http.MethodDelete {
		s.mu.Lock()
		defer s.mu.Unlock()
		p := s.panelLocked(prefix)
		if p.ops.sound == nil {
			writeError(w, http.StatusNotFound, "")
			return
		}
		p.ops.sound = nil
		w.WriteHeader(http.StatusOK)
		return
	}
	u, status, msg := readUpload(r, "sound", MaxAlertSound)
	if status == http.StatusOK && !isWAV(u) {
		status, msg = http.StatusBadRequest, "Unsupported file"
	}
	if status != http.StatusOK {
		writeError(w, status, msg)
		return
	}
	s.mu.Lock()
	s.panelLocked(prefix).ops.sound = &u
	s.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

// OpenDoors lists the doors open now.
func (p *Panel) OpenDoors() []int {
	var open []int
	p.with(func(x *panel) {
		for _, id := range []int{1, 2} {
			if time.Now().Before(x.ops.openUntil[id]) {
				open = append(open, id)
			}
		}
	})
	return open
}

// SetDoorStuck makes a door POST answer 200 but leave the door as it is.
func (p *Panel) SetDoorStuck(on bool) {
	p.with(func(x *panel) { x.ops.stuckDoor = on })
}

// Alert is the emergency alert as the panel plays it now.
func (p *Panel) Alert() Alert {
	var a Alert
	p.with(func(x *panel) { a = x.alertNow(time.Now()) })
	return a
}

// AlertSound is the SHA-256 (hex) and size of the uploaded recording, or
// false when the slot is empty.
func (p *Panel) AlertSound() (sha string, size int64, ok bool) {
	p.with(func(x *panel) {
		if x.ops.sound != nil {
			sha, size, ok = x.ops.sound.sha256, x.ops.sound.size, true
		}
	})
	return sha, size, ok
}
