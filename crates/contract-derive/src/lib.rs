//! `#[derive(Decode)]` and `#[derive(Encode)]`.
//!
//! `#[derive(Decode)]` reads a contract type from parsed JSON (a `JsValue` in the browser,
//! a `serde_json::Value` in tests) exactly as its `#[serde(...)]` attributes describe it, so
//! every type keeps one definition. What serde does and this derive mirrors:
//!
//! - structs with named fields; an absent field is an error, but `None` for an `Option` and
//!   the default for `#[serde(default)]` / `#[serde(default = "path")]`; `rename` on a field;
//!   unknown fields are ignored;
//! - enums of unit variants, written as strings (`rename_all = "snake_case"`);
//! - internally tagged enums (`tag = "type"`): unit and struct variants;
//! - adjacently tagged enums (`tag = "match", content = "value"`): newtype variants.
//!
//! Anything else (`flatten`, generics, tuple structs…) is a compile error naming it: add it
//! here before using it on the wire to the browser.
//!
//! `#[derive(Encode)]` writes the JSON text serde_json would write for the same type (the
//! same attributes, plus `skip_serializing_if`), straight into a string.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as Tokens};
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields, Lit, LitStr};

#[proc_macro_derive(Decode, attributes(serde))]
pub fn derive_decode(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(t) => t.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

#[proc_macro_derive(Encode, attributes(serde))]
pub fn derive_encode(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand_encode(&input) {
        Ok(t) => t.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

#[derive(Default)]
struct Serde {
    tag: Option<String>,
    content: Option<String>,
    rename_all: Option<String>,
    rename: Option<String>,
    /// `default`: Some(None); `default = "path"`: Some(Some(path)).
    default: Option<Option<String>>,
    skip_serializing_if: Option<String>,
}

fn serde_attrs(attrs: &[syn::Attribute]) -> syn::Result<Serde> {
    let mut s = Serde::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            let name = meta.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
            let value = || -> syn::Result<String> { Ok(meta.value()?.parse::<LitStr>()?.value()) };
            match name.as_str() {
                "tag" => s.tag = Some(value()?),
                "content" => s.content = Some(value()?),
                "rename_all" => s.rename_all = Some(value()?),
                "rename" => s.rename = Some(value()?),
                "default" => s.default = Some(if meta.input.peek(syn::Token![=]) { Some(value()?) } else { None }),
                // Serialization only: nothing to read.
                "skip_serializing_if" => s.skip_serializing_if = Some(value()?),
                other => return Err(meta.error(format!("#[derive(Decode)] does not know #[serde({other})]"))),
            }
            Ok(())
        })?;
    }
    Ok(s)
}

/// A variant's name on the wire.
fn wire_name(ident: &str, rename_all: Option<&str>) -> syn::Result<String> {
    match rename_all {
        None => Ok(ident.to_owned()),
        Some("snake_case") => {
            let mut out = String::new();
            for (i, c) in ident.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    out.push('_');
                }
                out.extend(c.to_lowercase());
            }
            Ok(out)
        }
        Some("lowercase") => Ok(ident.to_lowercase()),
        Some(other) => Err(syn::Error::new(Span::call_site(), format!("#[derive(Decode)] does not know rename_all = \"{other}\""))),
    }
}

/// `Name { a: field(v, "a")?, … }` for named fields read from the object `v`.
fn named_fields(path: Tokens, fields: &syn::FieldsNamed) -> syn::Result<Tokens> {
    let mut inits = Vec::new();
    for f in &fields.named {
        let ident = f.ident.as_ref().expect("named");
        let attrs = serde_attrs(&f.attrs)?;
        let name = attrs.rename.unwrap_or_else(|| ident.to_string().trim_start_matches("r#").to_owned());
        let read = match attrs.default {
            None => quote! { ::retainkit_contract::decode::field(v, #name)? },
            Some(None) => quote! { ::retainkit_contract::decode::field_or(v, #name, ::core::default::Default::default)? },
            Some(Some(func)) => {
                let func: syn::Path = syn::parse_str(&func)?;
                quote! { ::retainkit_contract::decode::field_or(v, #name, #func)? }
            }
        };
        inits.push(quote! { #ident: #read });
    }
    Ok(quote! { #path { #(#inits),* } })
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(&input.generics, "#[derive(Decode)] does not take generic types"));
    }
    let name = &input.ident;
    let attrs = serde_attrs(&input.attrs)?;
    let body = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(fields) => {
                let build = named_fields(quote! { #name }, fields)?;
                quote! {
                    if !v.is_object() {
                        return Err(::retainkit_contract::decode::Malformed);
                    }
                    Ok(#build)
                }
            }
            other => return Err(syn::Error::new_spanned(other, "#[derive(Decode)] takes structs with named fields")),
        },
        Data::Enum(e) => {
            let rename_all = attrs.rename_all.as_deref();
            let mut arms = Vec::new();
            for variant in &e.variants {
                let vident = &variant.ident;
                let wire = variant_wire(variant, rename_all)?;
                let wire = Lit::Str(LitStr::new(&wire, Span::call_site()));
                let arm = match (&attrs.tag, &attrs.content, &variant.fields) {
                    (_, _, Fields::Unit) => quote! { #wire => Ok(#name::#vident) },
                    (Some(_), None, Fields::Named(fields)) => {
                        let build = named_fields(quote! { #name::#vident }, fields)?;
                        quote! { #wire => Ok(#build) }
                    }
                    (Some(_), Some(content), Fields::Unnamed(f)) if f.unnamed.len() == 1 => {
                        quote! { #wire => Ok(#name::#vident(::retainkit_contract::decode::field(v, #content)?)) }
                    }
                    _ => {
                        return Err(syn::Error::new_spanned(
                            variant,
                            "#[derive(Decode)] takes unit variants, struct variants of an internally tagged enum, or newtype variants of an adjacently tagged one",
                        ))
                    }
                };
                arms.push(arm);
            }
            let tag = match &attrs.tag {
                Some(tag) => quote! { ::retainkit_contract::decode::field::<S, ::std::string::String>(v, #tag)? },
                None => quote! { v.string().ok_or(::retainkit_contract::decode::Malformed)? },
            };
            quote! {
                match #tag.as_str() {
                    #(#arms,)*
                    _ => Err(::retainkit_contract::decode::Malformed),
                }
            }
        }
        Data::Union(u) => return Err(syn::Error::new_spanned(u.union_token, "#[derive(Decode)] does not take unions")),
    };
    Ok(quote! {
        impl<S: ::retainkit_contract::decode::Source> ::retainkit_contract::decode::Decode<S> for #name {
            fn decode(v: &S) -> ::core::result::Result<Self, ::retainkit_contract::decode::Malformed> {
                #body
            }
        }
    })
}

/// Statements writing the named fields of `fields` (bound by reference to their names) as
/// members of an object already opened on `out`; `first` says whether a comma is due.
fn encode_fields(fields: &syn::FieldsNamed, bound: impl Fn(&syn::Ident) -> Tokens) -> syn::Result<Tokens> {
    let mut stmts = Vec::new();
    for f in &fields.named {
        let ident = f.ident.as_ref().expect("named");
        let attrs = serde_attrs(&f.attrs)?;
        let name = attrs.rename.unwrap_or_else(|| ident.to_string().trim_start_matches("r#").to_owned());
        let value = bound(ident);
        let write = quote! {
            out.key(#name);
            ::retainkit_contract::encode::Encode::encode(#value, out);
        };
        stmts.push(match attrs.skip_serializing_if {
            Some(func) => {
                let func: syn::Path = syn::parse_str(&func)?;
                quote! { if !#func(#value) { #write } }
            }
            None => write,
        });
    }
    Ok(quote! { #(#stmts)* })
}

fn expand_encode(input: &DeriveInput) -> syn::Result<Tokens> {
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let attrs = serde_attrs(&input.attrs)?;
    let body = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(fields) => {
                let writes = encode_fields(fields, |i| quote! { &self.#i })?;
                quote! {
                    out.open();
                    #writes
                    out.close();
                }
            }
            other => return Err(syn::Error::new_spanned(other, "#[derive(Encode)] takes structs with named fields")),
        },
        Data::Enum(e) => {
            let rename_all = attrs.rename_all.as_deref();
            let mut arms = Vec::new();
            for variant in &e.variants {
                let vident = &variant.ident;
                let wire = variant_wire(variant, rename_all)?;
                let arm = match (&attrs.tag, &attrs.content, &variant.fields) {
                    (None, _, Fields::Unit) => quote! { #name::#vident => out.string(#wire) },
                    (Some(tag), _, Fields::Unit) => quote! {
                        #name::#vident => { out.open(); out.key(#tag); out.string(#wire); out.close(); }
                    },
                    (Some(tag), None, Fields::Named(fields)) => {
                        let idents: Vec<&syn::Ident> = fields.named.iter().map(|f| f.ident.as_ref().expect("named")).collect();
                        let writes = encode_fields(fields, |i| quote! { #i })?;
                        quote! {
                            #name::#vident { #(#idents),* } => {
                                out.open();
                                out.key(#tag);
                                out.string(#wire);
                                #writes
                                out.close();
                            }
                        }
                    }
                    (Some(tag), Some(content), Fields::Unnamed(f)) if f.unnamed.len() == 1 => quote! {
                        #name::#vident(value) => {
                            out.open();
                            out.key(#tag);
                            out.string(#wire);
                            out.key(#content);
                            ::retainkit_contract::encode::Encode::encode(value, out);
                            out.close();
                        }
                    },
                    _ => {
                        return Err(syn::Error::new_spanned(
                            variant,
                            "#[derive(Encode)] takes unit variants, struct variants of an internally tagged enum, or newtype variants of an adjacently tagged one",
                        ))
                    }
                };
                arms.push(arm);
            }
            quote! {
                match self {
                    #(#arms,)*
                }
            }
        }
        Data::Union(u) => return Err(syn::Error::new_spanned(u.union_token, "#[derive(Encode)] does not take unions")),
    };
    Ok(quote! {
        impl #impl_generics ::retainkit_contract::encode::Encode for #name #ty_generics #where_clause {
            fn encode(&self, out: &mut ::retainkit_contract::encode::Json) {
                #body
            }
        }
    })
}

/// A variant's name on the wire: its own `rename`, else the enum's `rename_all` applied.
fn variant_wire(variant: &syn::Variant, rename_all: Option<&str>) -> syn::Result<String> {
    match serde_attrs(&variant.attrs)?.rename {
        Some(r) => Ok(r),
        None => wire_name(&variant.ident.to_string(), rename_all),
    }
}
