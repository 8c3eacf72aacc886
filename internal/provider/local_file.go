package provider

import (
	"fmt"
	"os"
)

// openLocalFile opens a file on the machine that runs Terraform, named by
// the attribute attr, and checks that it is a readable, non-empty regular
// file. what names it in the detail ("firmware file"); the detail is
// empty when the file is fine, and the caller closes it.
func openLocalFile(name, what, attr string) (*os.File, int64, string) {
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, fmt.Sprintf("The %s %q cannot be read: %s. Check %s: the path is relative to the "+
			"directory Terraform runs in.", what, name, err, attr)
	}
	info, err := f.Stat()
	detail := ""
	switch {
	case err != nil:
		detail = fmt.Sprintf("The %s %q cannot be read: %s.", what, name, err)
	case !info.Mode().IsRegular():
		detail = fmt.Sprintf("The %s %q is not a regular file.", what, name)
	case info.Size() == 0:
		detail = fmt.Sprintf("The %s %q is empty.", what, name)
	default:
		return f, info.Size(), ""
	}
	f.Close()
	return nil, 0, detail
}
