// pulumi-sdkgen writes a package's SDK for one language from its schema with Pulumi's own code
// generators (pkg/codegen, the code `pulumi package gen-sdk` runs in each language host). The pinned
// CLI leaves SDK generation to language hosts, which this toolchain does not build (the project's
// Node.js host is its own, without codegen); scripts/plugin-sdks.mjs runs this instead.
//
//	pulumi-sdkgen <schema.json> <go|python|nodejs> <out dir>
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	nodejsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	pythongen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-sdkgen"

func main() {
	if len(os.Args) != 4 {
		fail(fmt.Errorf("usage: %s <schema.json> <go|python|nodejs> <out dir>", tool))
	}
	schemaPath, language, out := os.Args[1], os.Args[2], os.Args[3]
	files, err := generate(schemaPath, language)
	if err != nil {
		fail(err)
	}
	for name, content := range files {
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			fail(err)
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			fail(err)
		}
	}
}

func generate(schemaPath, language string) (map[string][]byte, error) {
	text, err := os.ReadFile(schemaPath)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(text, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", schemaPath, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noPackages{}, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, diags
	}
	switch language {
	case "go":
		return gogen.GeneratePackage(tool, pkg, nil)
	case "python":
		return pythongen.GeneratePackage(tool, pkg, nil, noPackages{})
	case "nodejs":
		return nodejsgen.GeneratePackage(tool, pkg, nil, nil, false, noPackages{})
	}
	return nil, fmt.Errorf("no code generator for %q here: go, python or nodejs (the .NET one lives with Pulumi's .NET language host)", language)
}

// noPackages loads no other package: the schema refers to none (its types are strings and booleans).
type noPackages struct{}

func (noPackages) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; this generator loads none", name)
}

func (l noPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, nil)
}

func (l noPackages) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("the schema refers to package %q; this generator loads none", name)
}

func (l noPackages) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return l.LoadPackageReference(d.Name, nil)
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "%s: %v\n", tool, err)
	os.Exit(1)
}
