package fakepanel

import (
	"net/http"
	"strings"
)

// opsMethods is the methods each path of the panel's operations takes:
// the firmware updates, the doors, the alert and its upload slot.
var opsMethods = map[string]string{
	mcuUpdatePath:  "POST",
	cpuUpdatePath:  "POST",
	mcuStatePath:   "GET",
	doorsPath:      "GET, POST",
	alertPath:      "GET, POST",
	alertSoundPath: "POST, DELETE",
}

// isUpload tells whether a path takes a multipart file, which the handler
// reads as a stream instead of the 1 MB that other bodies are cut to.
func isUpload(path string) bool {
	return path == mcuUpdatePath || path == cpuUpdatePath || path == alertSoundPath
}

// routeOps answers the operations' paths and tells whether path was one.
func (s *Server) routeOps(w http.ResponseWriter, r *http.Request, prefix, path string, body []byte) bool {
	allow, ok := opsMethods[path]
	if !ok && strings.HasPrefix(path, doorsPath+"/") {
		allow, ok = "GET", true
	}
	if !ok {
		return false
	}
	if !strings.Contains(allow, r.Method) {
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, "")
		return true
	}
	switch path {
	case mcuUpdatePath:
		s.postFirmware(w, r, prefix, "mcu")
	case cpuUpdatePath:
		s.postFirmware(w, r, prefix, "cpu")
	case mcuStatePath:
		s.getMCUState(w, prefix)
	case alertPath:
		s.serveAlert(w, r, prefix, body)
	case alertSoundPath:
		s.serveAlertSound(w, r, prefix)
	default:
		s.serveDoors(w, r, prefix, path, body)
	}
	return true
}
