//go:build generate

// Package tools holds the documentation generators. It is a module of its
// own so that tfplugindocs and its dependencies stay out of the provider's
// go.mod; go.mod pins tfplugindocs with a tool directive. Run it with
// `make generate`, which puts a Terraform CLI first on PATH: tfplugindocs
// would otherwise download one.
package tools

// Format the examples the docs embed.
//go:generate terraform fmt -recursive ../examples/

// Render docs/ from the provider's schema, templates/ and examples/.
//go:generate go tool tfplugindocs generate --provider-dir .. --provider-name intercom

// Check what was rendered, as the registry would.
//go:generate go tool tfplugindocs validate --provider-dir .. --provider-name intercom
