//! Text readers for the header coverage test: the C headers on one side, this crate's Rust
//! sources on the other, both reduced to the same model with types spelled the Rust way.

pub mod c_header;
pub mod rust_source;

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    pub name: String,
    pub params: Vec<String>,
    /// Empty for `void`.
    pub result: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typedef {
    /// Field names and types, in order.
    Struct(Vec<(String, String)>),
    Opaque,
    /// A C enum; the Rust side is a 32-bit integer alias plus constants.
    Enum,
    FunctionPointer {
        params: Vec<String>,
        result: String,
    },
    Alias(String),
}

/// A C type (`const char* const*`, `uint64_t`, `PerryValue*`) as the Rust type this crate must
/// use for it.
pub fn c_type_to_rust(text: &str) -> String {
    let spaced = text.replace('*', " * ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut index = 0;
    let mut is_const = false;
    let mut base = String::new();
    while index < tokens.len() && tokens[index] != "*" {
        match tokens[index] {
            "const" => is_const = true,
            word => base = rust_base_type(word),
        }
        index += 1;
    }
    let mut rust = base;
    while index < tokens.len() {
        if tokens[index] == "*" {
            rust = format!("*{} {rust}", if is_const { "const" } else { "mut" });
            is_const = false;
        } else if tokens[index] == "const" {
            is_const = true;
        }
        index += 1;
    }
    rust
}

/// The Rust spelling of a C base type; `Perry*` typedef names stay as they are.
fn rust_base_type(c: &str) -> String {
    match c {
        "void" => "c_void",
        "bool" => "bool",
        "char" => "c_char",
        "int" => "c_int",
        "unsigned" => "c_uint",
        "long" => "c_long",
        "float" => "f32",
        "double" => "f64",
        "int8_t" => "i8",
        "uint8_t" => "u8",
        "int16_t" => "i16",
        "uint16_t" | "char16_t" => "u16",
        "int32_t" => "i32",
        "uint32_t" => "u32",
        "int64_t" => "i64",
        "uint64_t" => "u64",
        "size_t" | "uintptr_t" => "usize",
        "ptrdiff_t" | "intptr_t" => "isize",
        other => other,
    }
    .to_string()
}

/// Evaluates a constant's text in either language: integer literals (decimal or hex, C suffixes,
/// Rust underscores), `UINT64_C(...)`-style wrappers, parentheses, `<<`, `|`, `as` casts and
/// names of other constants of the same side. None when the text is anything else.
pub fn evaluate(text: &str, constants: &BTreeMap<String, String>, depth: u32) -> Option<u128> {
    let mut text = text.trim().to_string();
    for wrapper in ["UINT64_C", "UINT32_C", "INT64_C", "INT32_C"] {
        text = text.replace(wrapper, "");
    }
    if let Some((value, _cast)) = text.split_once(" as ") {
        text = value.trim().to_string();
    }
    evaluate_expression(text.trim(), constants, depth)
}

fn evaluate_expression(
    text: &str,
    constants: &BTreeMap<String, String>,
    depth: u32,
) -> Option<u128> {
    if depth > 8 {
        return None;
    }
    let text = text.trim();
    for operator in ["|", "<<"] {
        if let Some((left, right)) = split_top_level(text, operator) {
            let left = evaluate_expression(left, constants, depth)?;
            let right = evaluate_expression(right, constants, depth)?;
            return Some(if operator == "|" {
                left | right
            } else {
                left << right
            });
        }
    }
    if text.starts_with('(') && text.ends_with(')') {
        return evaluate_expression(&text[1..text.len() - 1], constants, depth);
    }
    let literal = text.replace('_', "");
    let literal = literal.trim_end_matches(['u', 'U', 'l', 'L']);
    if let Some(hex) = literal
        .strip_prefix("0x")
        .or_else(|| literal.strip_prefix("0X"))
    {
        return u128::from_str_radix(hex, 16).ok();
    }
    if let Ok(value) = literal.parse::<u128>() {
        return Some(value);
    }
    constants
        .get(text)
        .and_then(|value| evaluate(value, constants, depth + 1))
}

/// Splits at the last top-level occurrence of `operator` (left-associative operators).
fn split_top_level<'a>(text: &'a str, operator: &str) -> Option<(&'a str, &'a str)> {
    let mut depth = 0i32;
    let mut found = None;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        match bytes[i] {
            b'(' => depth += 1,
            b')' => depth -= 1,
            _ if depth == 0 && text[i..].starts_with(operator) => {
                // `|` must not match half of `||` (none in the headers, but be exact).
                found = Some(i);
            }
            _ => {}
        }
    }
    found.map(|i| (&text[..i], &text[i + operator.len()..]))
}
