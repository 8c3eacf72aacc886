package fakepanel

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
)

// The panel's size limits: "up to 110 MB" for a CPU update and "max 1 MB"
// for the alert sound, read as binary megabytes. The MCU update's limit is
// not documented; the emulator uses the CPU's.
const (
	MaxCPUFirmware = 110 << 20
	MaxAlertSound  = 1 << 20
)

// upload is what a multipart upload carried in its file field. The
// emulator keeps only the head, the size and the digest, never the file.
type upload struct {
	head   []byte // the first bytes, where the file's header is
	size   int64
	sha256 string
}

const headLen = 128

// readUpload reads a multipart/form-data body with one file in field,
// streaming it, so that a 110 MB update costs no memory. It answers the
// status and message the panel gives to a bad upload.
func readUpload(r *http.Request, field string, limit int64) (upload, int, string) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return upload{}, http.StatusBadRequest, "Wrong parameters: Content-Type must be multipart/form-data"
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return upload{}, http.StatusBadRequest, "Wrong parameters: " + err.Error()
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return upload{}, http.StatusBadRequest, "Wrong parameters: no file in field " + field
		}
		if err != nil {
			return upload{}, http.StatusBadRequest, "Wrong parameters: " + err.Error()
		}
		if part.FormName() != field || part.FileName() == "" {
			_, _ = io.Copy(io.Discard, part)
			continue
		}
		var head bytes.Buffer
		h := sha256.New()
		n, err := io.Copy(io.MultiWriter(h, &headWriter{buf: &head}), io.LimitReader(part, limit+1))
		switch {
		case err != nil:
			return upload{}, http.StatusBadRequest, "Wrong parameters: the upload was cut short"
		case n > limit:
			return upload{}, http.StatusBadRequest, "File too large"
		case n == 0:
			return upload{}, http.StatusBadRequest, "Unsupported file"
		}
		return upload{head: head.Bytes(), size: n, sha256: hex.EncodeToString(h.Sum(nil))}, http.StatusOK, ""
	}
}

// headWriter keeps the first headLen bytes written to it.
type headWriter struct{ buf *bytes.Buffer }

func (w *headWriter) Write(b []byte) (int, error) {
	if room := headLen - w.buf.Len(); room > 0 {
		w.buf.Write(b[:min(room, len(b))])
	}
	return len(b), nil
}

// The emulator's firmware files: a first line "INTERCOM-FW <chip>
// <version>" makes a file an update for that chip, which installs that
// version; any other file is refused as "Unsupported file", as the panel
// refuses a file that is not a Rockchip (CPU) or Artery (MCU) update.
const firmwareMagic = "INTERCOM-FW "

// FirmwareFile is a firmware file the emulator accepts for chip ("mcu" or
// "cpu"), installing version; size pads it to that many bytes when it is
// larger than the header.
func FirmwareFile(chip, version string, size int) []byte {
	b := []byte(firmwareMagic + chip + " " + version + "\n")
	if size > len(b) {
		b = append(b, bytes.Repeat([]byte{0}, size-len(b))...)
	}
	return b
}

// firmwareVersionOf reads the version a file installs on chip, or false
// when it is no update for that chip.
func firmwareVersionOf(u upload, chip string) (string, bool) {
	line, _, _ := strings.Cut(string(u.head), "\n")
	rest, ok := strings.CutPrefix(line, firmwareMagic+chip+" ")
	return rest, ok && rest != ""
}

// isWAV tells whether a file starts with a RIFF/WAVE header.
func isWAV(u upload) bool {
	return len(u.head) >= 12 && string(u.head[:4]) == "RIFF" && string(u.head[8:12]) == "WAVE"
}
