//! Integration tests of src/lib.rs: the crate's module structure (STYLE.md habit 8, "arrows point
//! down"). Every `crate::m` path in the library's non-test code is an edge from the module it is
//! written in to `m` (a domain's `theorems/` folder is its own node, above the harness it uses);
//! the graph must have no cycle, and the lower modules must not import the higher ones.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The node a source file belongs to: its top-level module, or `<domain>::theorems`.
fn node(rel: &Path) -> Option<String> {
    let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string()).collect();
    match parts.as_slice() {
        [only] if only == "lib" || only == "main" => None,
        [domain, theorems, ..] if theorems == "theorems" => Some(format!("{domain}::theorems")),
        [top, ..] => Some(top.clone()),
        [] => None,
    }
}

/// The `crate::m` (or `crate::m::theorems`) paths of `text`, outside comments and the trailing
/// `#[cfg(test)] mod tests`.
fn targets(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
    let mut out = BTreeSet::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
            if name.is_empty() {
                continue;
            }
            let theorems = rest[name.len()..].starts_with("::theorems");
            out.insert(if theorems { format!("{name}::theorems") } else { name });
        }
    }
    out
}

fn graph(root: &Path) -> Graph {
    fn walk(dir: &Path, root: &Path, g: &mut Graph) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, g);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let Some(me) = node(path.strip_prefix(root).unwrap()) else { continue };
                let text = std::fs::read_to_string(&path).unwrap();
                let edges = g.entry(me.clone()).or_default();
                edges.extend(targets(&text).into_iter().filter(|t| *t != me));
            }
        }
    }
    let mut g = Graph::new();
    walk(root, root, &mut g);
    g
}

/// A cycle of `g` as a list of nodes, if there is one (depth-first search with colours).
fn find_cycle(g: &Graph) -> Option<Vec<String>> {
    fn visit(v: &str, g: &Graph, state: &mut BTreeMap<String, u8>, path: &mut Vec<String>) -> Option<Vec<String>> {
        state.insert(v.to_string(), 1);
        path.push(v.to_string());
        for w in g.get(v).into_iter().flatten() {
            match state.get(w.as_str()).copied().unwrap_or(0) {
                1 => {
                    let start = path.iter().position(|p| p == w).unwrap();
                    return Some(path[start..].to_vec());
                }
                0 => {
                    if let Some(c) = visit(w, g, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(v.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for v in g.keys() {
        if state.get(v.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(v, g, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

fn src() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_module_graph_has_no_cycle() {
    let g = graph(&src());
    assert!(g.len() > 20, "the walk found the modules: {:?}", g.keys());
    assert_eq!(find_cycle(&g), None);
}

#[test]
fn lower_modules_never_import_higher_ones() {
    // STYLE.md habit 8: the numbers, networks, linear algebra, operators, files and the theorem
    // harness sit below the domains' second-order and theorem code, the catalogue and the CLI.
    let lower =
        ["scalar", "rng", "shape", "data", "activation", "loss", "net", "linalg", "algebra", "embed", "io", "theorem"];
    let higher = ["hessian", "depth", "symmetry", "linear", "certify", "catalogue", "claims", "cli", "fuzzing"];
    let g = graph(&src());
    for l in lower {
        for t in g.get(l).into_iter().flatten() {
            let top = t.split("::").next().unwrap();
            assert!(!higher.contains(&top) && !t.ends_with("::theorems"), "`{l}` imports `{t}`, which sits above it");
        }
    }
}

#[test]
fn the_cycle_finder_finds_a_planted_cycle_and_the_scanner_skips_comments() {
    // Negative control: a → b → c → a is reported; a comment's `crate::x` is not an edge.
    let mut g = Graph::new();
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        g.entry(a.to_string()).or_default().insert(b.to_string());
    }
    let c = find_cycle(&g).expect("a cycle");
    assert_eq!(c.len(), 3, "{c:?}");
    g.get_mut("c").unwrap().remove("a");
    assert_eq!(find_cycle(&g), None);
    let t = targets("use crate::net::Params; // see crate::hessian\nuse crate::embed::theorems::x;\n");
    assert_eq!(t.into_iter().collect::<Vec<_>>(), ["embed::theorems", "net"]);
}

/// The `Result<T, String>` types written in `text` outside comments and the trailing
/// `#[cfg(test)] mod tests` (nested generics are followed to the top-level comma).
fn string_results(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
    let code: String = code.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let mut out = Vec::new();
    for (at, _) in code.match_indices("Result<") {
        let body = &code[at + "Result<".len()..];
        let (mut depth, mut comma, mut end) = (1, None, body.len());
        for (i, c) in body.char_indices() {
            match c {
                '<' | '(' | '[' => depth += 1,
                '>' | ')' | ']' => depth -= 1,
                ',' if depth == 1 => comma = Some(i),
                _ => {}
            }
            if depth == 0 {
                end = i;
                break;
            }
        }
        if comma.is_some_and(|k| body[k + 1..end].trim() == "String") {
            out.push(format!("Result<{}>", &body[..end]));
        }
    }
    out
}

#[test]
fn no_library_function_returns_a_bare_string_error() {
    // Issue "one door per concept", item 3: errors are typed (the CLI words them in one place).
    fn walk(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && !path.ends_with("cli") {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("main.rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                found.extend(string_results(&text).into_iter().map(|r| format!("{}: {r}", path.display())));
            }
        }
    }
    let mut found = Vec::new();
    walk(&src(), &mut found);
    assert!(found.is_empty(), "string errors in library code:\n{}", found.join("\n"));
}

#[test]
fn the_string_error_scanner_finds_nested_and_skips_comments_and_tests() {
    // Negative control for the test above.
    let text = "fn a() -> Result<Vec<(u8, String)>, String> {}\n\
                fn b() -> Result<String, Error> {}\n\
                // fn c() -> Result<(), String>\n\
                fn d() -> Result<Result<T, String>, E> {}\n\
                #[cfg(test)]\nmod tests { fn e() -> Result<(), String> {} }\n";
    assert_eq!(string_results(text), ["Result<Vec<(u8, String)>, String>", "Result<T, String>"]);
}
