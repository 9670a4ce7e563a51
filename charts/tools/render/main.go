// Command render renders a Helm chart's templates the way `helm template` does, for machines without Helm: Go's
// text/template with sprig (the engine and function library Helm itself uses) plus the functions Helm adds on top that
// this chart uses (include, tpl, toYaml, required, fail). It is not Helm: no dependencies, hooks or lookup. The chart
// is kept to what this renders; `helm lint` and `helm template` check the same chart where Helm is installed.
//
//	render [-f values.yaml]... [-name release] [-namespace ns] CHART_DIR
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"gopkg.in/yaml.v3"
)

type valueFiles []string

func (v *valueFiles) String() string     { return strings.Join(*v, ",") }
func (v *valueFiles) Set(s string) error { *v = append(*v, s); return nil }

func main() {
	var files valueFiles
	flag.Var(&files, "f", "a values file laid over the chart's values.yaml (repeatable)")
	name := flag.String("name", "dg", "the release name")
	namespace := flag.String("namespace", "datagateway", "the release namespace")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: render [-f values.yaml]... CHART_DIR")
		os.Exit(2)
	}
	out, err := render(flag.Arg(0), files, *name, *namespace)
	if err != nil {
		fmt.Fprintln(os.Stderr, "render:", err)
		os.Exit(1)
	}
	os.Stdout.Write(out)
}

func render(chartDir string, files []string, name, namespace string) ([]byte, error) {
	chart, err := readYaml(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return nil, err
	}
	values, err := readYaml(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return nil, err
	}
	for _, file := range files {
		overlay, err := readYaml(file)
		if err != nil {
			return nil, err
		}
		values = merge(values, overlay)
	}

	paths, err := filepath.Glob(filepath.Join(chartDir, "templates", "*"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	root := template.New("chart")
	// Helm renders a missing value as empty, not "<no value>"; missingkey=zero plus the replacement below does the same.
	root.Option("missingkey=zero")
	root.Funcs(functions(root))
	for _, path := range paths {
		if filepath.Ext(path) != ".yaml" && filepath.Ext(path) != ".tpl" && filepath.Base(path) != "NOTES.txt" {
			continue
		}
		text, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if _, err := root.New(chartName(chart) + "/templates/" + filepath.Base(path)).Parse(string(text)); err != nil {
			return nil, err
		}
	}

	context := map[string]interface{}{
		"Values":       values,
		"Chart":        helmChart(chart),
		"Release":      map[string]interface{}{"Name": name, "Namespace": namespace, "Service": "Helm", "IsInstall": true, "IsUpgrade": false, "Revision": 1},
		"Capabilities": map[string]interface{}{"KubeVersion": map[string]interface{}{"Version": "v1.31.0", "Major": "1", "Minor": "31"}},
	}
	var out bytes.Buffer
	for _, path := range paths {
		base := filepath.Base(path)
		if filepath.Ext(base) != ".yaml" || strings.HasPrefix(base, "_") {
			continue
		}
		templateName := chartName(chart) + "/templates/" + base
		context["Template"] = map[string]interface{}{"Name": templateName, "BasePath": chartName(chart) + "/templates"}
		var buffer bytes.Buffer
		if err := root.ExecuteTemplate(&buffer, templateName, context); err != nil {
			return nil, err
		}
		text := strings.ReplaceAll(buffer.String(), "<no value>", "")
		for _, document := range strings.Split(text, "\n---") {
			if strings.TrimSpace(stripComments(document)) == "" {
				continue
			}
			fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", templateName, strings.Trim(document, "\n"))
		}
	}
	return out.Bytes(), nil
}

// functions are sprig's plus Helm's own additions that the chart uses.
func functions(root *template.Template) template.FuncMap {
	funcs := sprig.TxtFuncMap()
	funcs["include"] = func(name string, data interface{}) (string, error) {
		var buffer bytes.Buffer
		err := root.ExecuteTemplate(&buffer, name, data)
		return buffer.String(), err
	}
	funcs["tpl"] = func(text string, data interface{}) (string, error) {
		t, err := root.Clone()
		if err != nil {
			return "", err
		}
		t, err = t.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var buffer bytes.Buffer
		err = t.Execute(&buffer, data)
		return buffer.String(), err
	}
	funcs["toYaml"] = func(v interface{}) string {
		var buffer bytes.Buffer
		encoder := yaml.NewEncoder(&buffer)
		encoder.SetIndent(2)
		if err := encoder.Encode(v); err != nil {
			return ""
		}
		return strings.TrimSuffix(buffer.String(), "\n")
	}
	funcs["required"] = func(message string, v interface{}) (interface{}, error) {
		if v == nil || v == "" {
			return nil, errors.New(message)
		}
		return v, nil
	}
	funcs["fail"] = func(message string) (string, error) { return "", errors.New(message) }
	return funcs
}

func readYaml(path string) (map[string]interface{}, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	values := map[string]interface{}{}
	if err := yaml.Unmarshal(text, &values); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return values, nil
}

// merge lays overlay over base as Helm does: maps merge key by key, anything else is replaced; null deletes.
func merge(base, overlay map[string]interface{}) map[string]interface{} {
	result := map[string]interface{}{}
	for k, v := range base {
		result[k] = v
	}
	for k, v := range overlay {
		if v == nil {
			delete(result, k)
			continue
		}
		if over, ok := v.(map[string]interface{}); ok {
			if under, ok := result[k].(map[string]interface{}); ok {
				result[k] = merge(under, over)
				continue
			}
		}
		result[k] = v
	}
	return result
}

// helmChart gives Chart.yaml's fields the capitalised names Helm's templates use (.Chart.Name, .Chart.AppVersion).
func helmChart(chart map[string]interface{}) map[string]interface{} {
	result := map[string]interface{}{}
	for k, v := range chart {
		result[strings.ToUpper(k[:1])+k[1:]] = v
	}
	return result
}

func chartName(chart map[string]interface{}) string {
	name, _ := chart["name"].(string)
	return name
}

func stripComments(document string) string {
	var lines []string
	for _, line := range strings.Split(document, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}
