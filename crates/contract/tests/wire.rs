//! The widgets read and write the wire without serde (`#[derive(Decode)]`, `#[derive(Encode)]`)
//! exactly as the server does with serde:
//!
//! - Decode reads every type the widgets receive as serde does: the real answers of the
//!   reference server (tests/fixtures, captured from the demo) and an example of every enum
//!   variant, each also mutated at every position (a member left out, or replaced by `null`,
//!   a string, numbers, a boolean, `[]`, `{}`): both accept the same values and read them alike;
//! - Encode writes every one of those values, and every request body the widgets send, as the
//!   same JSON serde_json writes (numbers compared as numbers: `1` is `1.0`).

use retainkit_contract::decode::{Decode, Malformed};
use retainkit_contract::encode::{to_json, Encode};
use retainkit_contract::loyalty::RedeemRequest;
use retainkit_contract::loyalty::{Customer, Program, Redeemed};
use retainkit_contract::offers::{ActiveOffer, LeadCreated};
use retainkit_contract::offers::{LeadCreate, OfferEvent};
use retainkit_contract::reviews::{HelpfulVote, ReviewCreate};
use retainkit_contract::reviews::{ReviewCreated, ReviewPage, Summaries, VoteResult};
use retainkit_contract::survey::{ActiveSurveys, Display, DisplayRecorded, Placement, Recontact, ResponseCreated, SurveyDefinition};
use retainkit_contract::survey::{DisplayCreate, ResponsePatch, SurveyAnswer};
use retainkit_contract::{ErrorBody, NpsCreated};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::fmt::Debug;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every value reachable from `v` replaced in turn by each of `with`, and every object member
/// left out in turn.
fn mutations(v: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    let replacements = [json!(null), json!("x"), json!(""), json!(0), json!(1), json!(-1), json!(1.5), json!(300), json!(true), json!({})];
    for r in &replacements {
        out.push(r.clone());
    }
    // `[]` where an object stands: serde also reads a struct from an array of its fields in
    // order, which no JSON of the contract is; Decode refuses it. Elsewhere both must agree.
    if !v.is_object() {
        out.push(json!([]));
    }
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let mut left_out = map.clone();
                left_out.remove(k);
                out.push(Value::Object(left_out));
                for m in mutations(child) {
                    let mut changed = map.clone();
                    changed.insert(k.clone(), m);
                    out.push(Value::Object(changed));
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                for m in mutations(child) {
                    let mut changed = items.clone();
                    changed[i] = m;
                    out.push(Value::Array(changed));
                }
            }
        }
        _ => {}
    }
    out
}

/// serde and Decode read `v` alike (both refuse, or both read the same value).
fn agree<T: DeserializeOwned + Decode<Value> + PartialEq + Debug>(v: &Value) {
    let by_serde = serde_json::from_value::<T>(v.clone()).ok();
    let by_decode: Result<T, Malformed> = T::decode(v);
    assert_eq!(by_serde, by_decode.ok(), "{} read differently: {v}", std::any::type_name::<T>());
}

/// JSON values compared as JSON: numbers by value.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().zip(y).all(|((ka, a), (kb, b))| ka == kb && same(a, b)),
        _ => a == b,
    }
}

/// Encode writes `value` as serde_json does (members in the same order).
fn writes_alike<T: Serialize + Encode>(value: &T) {
    let ours = to_json(value);
    let parsed: Value = serde_json::from_str(&ours).unwrap_or_else(|e| panic!("not JSON ({e}): {ours}"));
    let theirs = serde_json::to_value(value).unwrap();
    assert!(same(&parsed, &theirs), "{} written differently:\n ours:  {ours}\n serde: {theirs}", std::any::type_name::<T>());
}

/// `v` reads, and so does every mutation of it exactly as serde reads it; what it reads is
/// written back as serde writes it.
fn check<T: DeserializeOwned + Serialize + Encode + Decode<Value> + PartialEq + Debug>(v: &Value) -> usize {
    let value = T::decode(v).unwrap_or_else(|_| panic!("{} does not read {v}", std::any::type_name::<T>()));
    writes_alike(&value);
    agree::<T>(v);
    let all = mutations(v);
    for m in &all {
        agree::<T>(m);
        if let Ok(read) = T::decode(m) {
            writes_alike(&read);
        }
    }
    all.len() + 1
}

#[test]
fn the_servers_answers_read_alike() {
    let mut n = 0;
    n += check::<ActiveSurveys>(&fixture("surveys_active"));
    n += check::<SurveyDefinition>(&fixture("survey_definition"));
    n += check::<ActiveOffer>(&fixture("offers_active"));
    n += check::<Program>(&fixture("program"));
    n += check::<Customer>(&fixture("me"));
    n += check::<Redeemed>(&fixture("redeemed"));
    n += check::<ReviewPage>(&fixture("reviews_page"));
    n += check::<Summaries>(&fixture("summaries"));
    n += check::<NpsCreated>(&fixture("nps_created"));
    n += check::<ErrorBody>(&fixture("error"));
    n += check::<DisplayRecorded>(&fixture("display"));
    n += check::<LeadCreated>(&fixture("lead"));
    assert!(n > 4000, "{n} values tried");
}

#[test]
fn every_variant_reads_alike() {
    let v = fixture("variants");
    check::<SurveyDefinition>(&v["definition"]);
    check::<Display>(&v["minimal_display"]);
    for r in v["recontacts"].as_array().unwrap() {
        check::<Recontact>(r);
    }
    for p in v["placements"].as_array().unwrap() {
        check::<Placement>(p);
    }
    for r in v["review_created"].as_array().unwrap() {
        check::<ReviewCreated>(r);
    }
    check::<VoteResult>(&v["vote"]);
    check::<ResponseCreated>(&v["response"]);
    // Defaults where serde has them.
    let d: Display = Decode::decode(&v["minimal_display"]).unwrap();
    assert_eq!((d.sample_percent, d.cooldown_days, d.placement), (100, 0, Placement::BottomRight));
}

#[test]
fn numbers_are_whole_and_in_range_as_serde_wants() {
    for (json, ok) in [("255", true), ("256", false), ("-1", false), ("1.5", false), ("0", true)] {
        let v: Value = serde_json::from_str(json).unwrap();
        assert_eq!(<u8 as Decode<Value>>::decode(&v).is_ok(), ok, "{json}");
        agree::<u8>(&v);
    }
    // In the browser a number is a number: `1.0` is `1` (serde_json alone tells them apart).
    for json in ["1.0", "1e2"] {
        let v: Value = serde_json::from_str(json).unwrap();
        assert!(<u8 as Decode<Value>>::decode(&v).is_ok(), "{json}");
    }
    agree::<i64>(&json!(-9_007_199_254_740_991i64));
    agree::<u64>(&json!(9_007_199_254_740_991u64));
}

#[test]
fn request_bodies_are_written_as_serde_writes_them() {
    let v = fixture("requests");
    for a in v["survey_answer"].as_array().unwrap() {
        check::<SurveyAnswer>(a);
    }
    check::<ResponsePatch>(&v["response_patch"]);
    for d in v["display_create"].as_array().unwrap() {
        check::<DisplayCreate>(d);
    }
    for e in v["offer_event"].as_array().unwrap() {
        check::<OfferEvent>(e);
    }
    check::<LeadCreate>(&v["lead_create"]);
    for r in v["review_create"].as_array().unwrap() {
        check::<ReviewCreate>(r);
    }
    check::<HelpfulVote>(&v["helpful_vote"]);
    check::<RedeemRequest>(&v["redeem"]);
    // Text is text: quotes, backslashes, control characters, emoji, U+2028.
    let a: SurveyAnswer = Decode::decode(&v["survey_answer"][0]).unwrap();
    assert_eq!(to_json(&a), serde_json::to_string(&a).unwrap());
}
