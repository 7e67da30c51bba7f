//! Reads the declarations of perry/ffi.h and its section headers: exported functions, inline
//! functions, constants (object-like macros, enumerators, the status X-macro table),
//! function-like macros and typedefs. Types come out already spelled as Rust types.

use std::collections::BTreeMap;

use super::{c_type_to_rust, Function, Typedef};

#[derive(Default, Debug)]
pub struct Header {
    pub exported: BTreeMap<String, Function>,
    pub inline: BTreeMap<String, Function>,
    /// Name to value text (C spelling, evaluated later).
    pub constants: BTreeMap<String, String>,
    pub function_macros: Vec<String>,
    pub typedefs: BTreeMap<String, Typedef>,
}

/// Removes comments and joins backslash-continued lines.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"/*") {
            let end = text[i + 2..]
                .find("*/")
                .map(|e| i + 2 + e + 2)
                .unwrap_or(bytes.len());
            // Keep line structure so that preprocessor lines stay lines.
            out.extend(text[i..end].chars().filter(|&c| c == '\n'));
            i = end;
        } else if bytes[i..].starts_with(b"//") {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out.replace("\\\n", " ")
}

impl Header {
    pub fn add_file(&mut self, text: &str) {
        let text = strip_comments(text);
        let mut code = String::new();
        let mut undefined = Vec::new();
        for line in text.lines() {
            let trimmed = line.trim_start();
            if let Some(rest) = trimmed.strip_prefix('#') {
                let rest = rest.trim_start();
                if let Some(definition) = rest.strip_prefix("define") {
                    self.add_macro(definition.trim());
                } else if let Some(name) = rest.strip_prefix("undef") {
                    undefined.push(name.trim().to_string());
                }
            } else {
                code.push_str(line);
                code.push('\n');
            }
        }
        self.function_macros
            .retain(|name| !undefined.contains(name));
        self.add_declarations(&code);
    }

    fn add_macro(&mut self, definition: &str) {
        let name_end = definition
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(definition.len());
        let name = &definition[..name_end];
        let value = definition[name_end..].trim();
        // PERRY__ names are the header's own internals (house style), not part of the ABI.
        if !name.starts_with("PERRY_") || name.starts_with("PERRY__") || name.ends_with("_H") {
            return;
        }
        if matches!(name, "PERRY_API" | "PERRY_INLINE") {
            return;
        }
        if definition[name_end..].starts_with('(') {
            // An X-macro table (`NAME_MAP(X) X(A, 0, "...") ...`) defines PERRY_<PREFIX>_<A>
            // constants through the enum that expands it; a plain function-like macro needs a
            // Rust function.
            if let Some(prefix) = name.strip_suffix("_MAP") {
                let body = &value[value.find(')').map(|e| e + 1).unwrap_or(0)..];
                for entry in body.split("X(").skip(1) {
                    let fields: Vec<&str> = entry.splitn(3, ',').map(str::trim).collect();
                    if fields.len() == 3 {
                        self.constants
                            .insert(format!("{prefix}_{}", fields[0]), fields[1].into());
                    }
                }
            } else {
                self.function_macros.push(name.to_string());
            }
            return;
        }
        self.constants.insert(name.to_string(), value.to_string());
    }

    fn add_declarations(&mut self, code: &str) {
        let mut rest = code;
        while let Some(start) = next_keyword(rest) {
            rest = &rest[start..];
            if let Some(after) = rest.strip_prefix("PERRY_API") {
                let end = after.find(';').expect("PERRY_API declaration without ';'");
                let function = parse_function(&after[..end]);
                self.exported.insert(function.name.clone(), function);
                rest = &after[end + 1..];
            } else if let Some(after) = rest.strip_prefix("PERRY_INLINE") {
                let end = after
                    .find('{')
                    .expect("PERRY_INLINE definition without a body");
                let function = parse_function(&after[..end]);
                // perry__ helpers serve the header's inline functions; the crate needs no copy.
                if !function.name.starts_with("perry__") {
                    self.inline.insert(function.name.clone(), function);
                }
                rest = skip_block(&after[end..]);
            } else {
                let after = &rest["typedef".len()..];
                rest = self.add_typedef(after);
            }
        }
    }

    /// Reads one typedef; returns the text after it.
    fn add_typedef<'a>(&mut self, text: &'a str) -> &'a str {
        let trimmed = text.trim_start();
        for keyword in ["struct", "enum"] {
            let Some(after) = trimmed.strip_prefix(keyword) else {
                continue;
            };
            let semicolon = after.find(';').unwrap();
            let brace = after.find('{');
            match brace {
                Some(brace) if brace < semicolon => {
                    let name = after[..brace].trim().to_string();
                    let close = brace + after[brace..].find('}').unwrap();
                    let body = &after[brace + 1..close];
                    let typedef = if keyword == "struct" {
                        Typedef::Struct(parse_fields(body))
                    } else {
                        for enumerator in body.split(',') {
                            if let Some((key, value)) = enumerator.split_once('=') {
                                self.constants
                                    .insert(key.trim().to_string(), value.trim().to_string());
                            }
                        }
                        Typedef::Enum
                    };
                    self.typedefs.insert(name, typedef);
                    let end = close + after[close..].find(';').unwrap();
                    return &after[end + 1..];
                }
                _ => {
                    let name = after[..semicolon].split_whitespace().last().unwrap();
                    self.typedefs.insert(name.to_string(), Typedef::Opaque);
                    return &after[semicolon + 1..];
                }
            }
        }
        let semicolon = text.find(';').unwrap();
        let declaration = text[..semicolon].trim();
        if let Some(open) = declaration.find("(*") {
            // typedef R (*Name)(params)
            let close = open + declaration[open..].find(')').unwrap();
            let name = declaration[open + 2..close].trim().to_string();
            let result = c_return_type(&declaration[..open]);
            let params_text = &declaration[close + 1..];
            let params = parse_params(
                params_text
                    .trim()
                    .trim_start_matches('(')
                    .trim_end_matches(')'),
            );
            self.typedefs
                .insert(name, Typedef::FunctionPointer { params, result });
        } else {
            let (type_text, name) = declaration.rsplit_once(char::is_whitespace).unwrap();
            self.typedefs
                .insert(name.to_string(), Typedef::Alias(c_type_to_rust(type_text)));
        }
        &text[semicolon + 1..]
    }
}

fn next_keyword(text: &str) -> Option<usize> {
    ["PERRY_API", "PERRY_INLINE", "typedef"]
        .iter()
        .filter_map(|keyword| find_word(text, keyword))
        .min()
}

fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find(word) {
        let at = from + found;
        let before_ok = at == 0 || !is_ident(text.as_bytes()[at - 1]);
        let after = at + word.len();
        let after_ok = after >= text.len() || !is_ident(text.as_bytes()[after]);
        if before_ok && after_ok {
            return Some(at);
        }
        from = after;
    }
    None
}

fn is_ident(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// Skips a `{ ... }` block (braces nest); returns the text after it.
fn skip_block(text: &str) -> &str {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &text[i + 1..];
                }
            }
            _ => {}
        }
    }
    ""
}

fn c_return_type(text: &str) -> String {
    let text = text.trim();
    if text == "void" {
        String::new()
    } else {
        c_type_to_rust(text)
    }
}

/// `R name(params)` to a Function.
fn parse_function(declaration: &str) -> Function {
    let open = declaration.find('(').unwrap();
    let close = declaration.rfind(')').unwrap();
    let head = declaration[..open].trim();
    let (result, name) = head
        .rsplit_once(|c: char| c.is_whitespace() || c == '*')
        .unwrap();
    let pointer_suffix = if head[result.len()..].starts_with('*') {
        "*"
    } else {
        ""
    };
    Function {
        name: name.trim().to_string(),
        params: parse_params(&declaration[open + 1..close]),
        result: c_return_type(&format!("{result}{pointer_suffix}")),
    }
}

/// A parameter list to Rust types (names dropped).
fn parse_params(text: &str) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() || text == "void" {
        return Vec::new();
    }
    text.split(',')
        .map(|param| {
            let param = param.trim();
            let name_start = param
                .rfind(|c: char| !is_ident(c as u8))
                .map(|i| i + 1)
                .unwrap_or(0);
            c_type_to_rust(&param[..name_start])
        })
        .collect()
}

fn parse_fields(body: &str) -> Vec<(String, String)> {
    body.split(';')
        .map(str::trim)
        .filter(|field| !field.is_empty())
        .map(|field| {
            let name_start = field.rfind(|c: char| !is_ident(c as u8)).unwrap() + 1;
            (
                field[name_start..].to_string(),
                c_type_to_rust(&field[..name_start]),
            )
        })
        .collect()
}
