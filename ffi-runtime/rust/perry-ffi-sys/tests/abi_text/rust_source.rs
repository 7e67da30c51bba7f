//! Reads this crate's own declarations: `extern "C"` functions, other `pub fn`s (the inline
//! accessors), `pub const`s, `pub type`s and `pub struct`s.

use std::collections::BTreeMap;

use super::{Function, Typedef};

#[derive(Default, Debug)]
pub struct Source {
    pub externs: BTreeMap<String, Function>,
    pub functions: BTreeMap<String, Function>,
    pub constants: BTreeMap<String, String>,
    pub types: BTreeMap<String, Typedef>,
}

impl Source {
    pub fn add_file(&mut self, text: &str) {
        let code: String = text
            .lines()
            .map(|line| match line.find("//") {
                Some(at) => &line[..at],
                None => line,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let mut rest = code.as_str();
        while let Some(at) = rest.find("pub ").or_else(|| rest.find("extern \"C\" {")) {
            let extern_at = rest.find("extern \"C\" {");
            if let Some(extern_at) = extern_at.filter(|&e| e <= at) {
                let body_start = extern_at + rest[extern_at..].find('{').unwrap() + 1;
                let body_end = body_start + matching_close(&rest[body_start..], '{', '}');
                for item in rest[body_start..body_end].split(';') {
                    if let Some(function) = item.trim().strip_prefix("pub fn ") {
                        let function = parse_function(function);
                        self.externs.insert(function.name.clone(), function);
                    }
                }
                rest = &rest[body_end + 1..];
                continue;
            }
            rest = &rest[at + 4..];
            let item = rest.trim_start();
            let signature = ["const unsafe fn ", "const fn ", "unsafe fn ", "fn "]
                .iter()
                .find_map(|prefix| item.strip_prefix(prefix));
            if let Some(signature) = signature {
                let end = signature.find('{').unwrap();
                let function = parse_function(&signature[..end]);
                self.functions.insert(function.name.clone(), function);
            } else if let Some(constant) = item.strip_prefix("const ") {
                let end = constant.find(';').unwrap();
                let (name, rest_of) = constant[..end].split_once(':').unwrap();
                let (_, value) = rest_of.split_once('=').unwrap();
                self.constants
                    .insert(name.trim().to_string(), value.trim().to_string());
            } else if let Some(alias) = item.strip_prefix("type ") {
                let end = alias.find(';').unwrap();
                let (name, value) = alias[..end].split_once('=').unwrap();
                self.types
                    .insert(name.trim().to_string(), parse_alias(value));
            } else if let Some(structure) = item.strip_prefix("struct ") {
                let open = structure.find('{').unwrap();
                let close = open + 1 + matching_close(&structure[open + 1..], '{', '}');
                let name = structure[..open].trim().to_string();
                let fields = parse_fields(&structure[open + 1..close]);
                let typedef = if fields.iter().all(|(name, _)| name.starts_with('_')) {
                    Typedef::Opaque
                } else {
                    Typedef::Struct(fields)
                };
                self.types.insert(name, typedef);
            }
        }
    }
}

/// The index of the `close` that ends a group whose `open` was just consumed.
fn matching_close(text: &str, open: char, close: char) -> usize {
    let mut depth = 1;
    for (i, c) in text.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return i;
            }
        }
    }
    panic!("unbalanced {open}{close} in a Rust source");
}

/// One spelling per type whatever rustfmt did: single spaces, none inside brackets, no trailing
/// commas.
fn normalize(text: &str) -> String {
    let mut text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for (from, to) in [
        (", >", ">"),
        (", )", ")"),
        (",>", ">"),
        (",)", ")"),
        ("< ", "<"),
        (" >", ">"),
        ("( ", "("),
        (" )", ")"),
    ] {
        text = text.replace(from, to);
    }
    text
}

/// `name(a: A, b: B) -> R` to a Function.
fn parse_function(signature: &str) -> Function {
    let open = signature.find('(').unwrap();
    let close = open + 1 + matching_close(&signature[open + 1..], '(', ')');
    let result = signature[close + 1..].trim();
    Function {
        name: signature[..open].trim().to_string(),
        params: split_top_level(&signature[open + 1..close])
            .into_iter()
            .map(|param| normalize(param.split_once(':').unwrap().1))
            .collect(),
        result: normalize(result.strip_prefix("->").unwrap_or("")),
    }
}

fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '<' | '[' => depth += 1,
            ')' | '>' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .collect()
}

fn parse_alias(value: &str) -> Typedef {
    let value = normalize(value);
    if let Some(inner) = value.strip_prefix("Option<unsafe extern \"C\" fn") {
        let function = parse_function(&format!("f{}", inner.strip_suffix('>').unwrap()));
        return Typedef::FunctionPointer {
            params: function.params,
            result: function.result,
        };
    }
    Typedef::Alias(value)
}

fn parse_fields(body: &str) -> Vec<(String, String)> {
    split_top_level(body)
        .into_iter()
        .map(|field| {
            let field = field.trim().trim_start_matches("pub ");
            let (name, field_type) = field.split_once(':').unwrap();
            (name.trim().to_string(), normalize(field_type))
        })
        .collect()
}
