package fakepanel

import (
	"bytes"
	"fmt"
	"net/http"
)

// recorder holds an answer so a fault can cut it short.
type recorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(code int)        { r.code = code }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }

func (r *recorder) copyTo(w http.ResponseWriter) {
	for k, v := range r.header {
		w.Header()[k] = v
	}
	w.WriteHeader(r.code)
	_, _ = w.Write(r.body.Bytes())
}

// hangUp closes the connection, first sending half of rec when there is
// one, the way a panel that reboots mid-answer does.
func hangUp(w http.ResponseWriter, rec *recorder) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	defer conn.Close()
	if rec == nil {
		return
	}
	body := rec.body.Bytes()
	if len(body) == 0 {
		// Half of an empty answer (a POST's 200) would be a whole one:
		// cut it inside the headers instead.
		_, _ = fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\n", rec.code, http.StatusText(rec.code))
		_ = buf.Flush()
		return
	}
	_, _ = fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n",
		rec.code, http.StatusText(rec.code), len(body))
	_, _ = buf.Write(body[:len(body)/2])
	_ = buf.Flush()
}
