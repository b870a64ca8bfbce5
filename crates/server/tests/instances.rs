//! Several server processes behind a load balancer, one PostgreSQL: what must hold across
//! instances holds — a balance is never overspent, an idempotency key stores one row, a
//! visitor keeps one unique code, and a write limit is one limit, whichever process answers.
//!
//! Two real `retainkit-server` processes; requests alternate between them.

mod common;

use serde_json::{json, Value};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

struct Instances {
    addrs: [SocketAddr; 2],
    children: Vec<Child>,
    _dir: tempfile::TempDir,
}

impl Drop for Instances {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Two server processes on one fresh PostgreSQL database; `None` without PostgreSQL.
async fn two_servers(rate_limit: u32) -> Option<Instances> {
    let admin = std::env::var("RK_TEST_POSTGRES_URL").ok().filter(|u| !u.is_empty())?;
    let name = format!("rk_instances_{}_{}", std::process::id(), rate_limit);
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin).await.unwrap();
    sqlx::Executor::execute(&mut conn, format!("DROP DATABASE IF EXISTS {name}").as_str()).await.unwrap();
    sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str()).await.unwrap();
    let url = format!("{}/{name}", admin.rsplit_once('/').unwrap().0);
    let dir = tempfile::tempdir().unwrap();
    let mut children = Vec::new();
    let mut addrs = Vec::new();
    for i in 0..2 {
        let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_retainkit-server"))
            .env("RK_LISTEN", addr.to_string())
            .env("DATABASE_URL", &url)
            .env("RK_DATA_DIR", dir.path().join(format!("i{i}")))
            .env("RK_ADMIN_KEY", common::ADMIN_KEY)
            .env("RK_TOKEN_SECRET", common::TOKEN_SECRET)
            .env("RK_RATE_LIMIT", rate_limit.to_string())
            .env("RK_WWW_DIR", "")
            .env("RK_DIST_DIR", "")
            .env("RK_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        children.push(child);
        addrs.push(addr);
        // The first process runs the migrations alone; then the second starts.
        wait_ready(addr).await;
    }
    Some(Instances { addrs: [addrs[0], addrs[1]], children, _dir: dir })
}

async fn wait_ready(addr: SocketAddr) {
    for _ in 0..400 {
        if let Ok((200, _)) = http(addr, "GET", "/readyz", &[], None).await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the server on {addr} did not become ready");
}

/// One request over its own connection.
async fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: Option<Value>,
) -> std::io::Result<(u16, Value)> {
    let mut s = tokio::net::TcpStream::connect(addr).await?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: shop\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    if !body.is_empty() {
        req.push_str("Content-Type: application/json\r\n");
    }
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(&body);
    s.write_all(req.as_bytes()).await?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).await?;
    let text = String::from_utf8_lossy(&out);
    let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let json = text.split("\r\n\r\n").nth(1).and_then(|b| serde_json::from_str(b).ok()).unwrap_or(Value::Null);
    Ok((status, json))
}

fn admin() -> (&'static str, String) {
    ("Authorization", format!("Bearer {}", common::ADMIN_KEY))
}

fn customer(id: &str) -> (&'static str, String) {
    let now = retainkit_server::db::now();
    let claims = retainkit_server::auth::Claims { sub: id.into(), aud: "retainkit".into(), iat: now, exp: now + 300 };
    ("Authorization", format!("Bearer {}", retainkit_server::auth::sign(&claims, common::TOKEN_SECRET.as_bytes())))
}

macro_rules! postgres_or_skip {
    ($e:expr) => {
        match $e {
            Some(i) => i,
            None => return common::no_postgres("two server processes"),
        }
    };
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_share_balances_idempotency_and_codes() {
    let i = postgres_or_skip!(two_servers(0).await);
    let [a, b] = i.addrs;
    let program = json!({"name": {"en": "Points"}, "tiers": [{"id": "bronze", "name": {"en": "Bronze"}, "threshold": 0}],
        "ways_to_earn": [], "rewards": [{"id": "ten-off", "name": {"en": "10% off"}, "cost": 30, "discount": {"type": "percent", "percent": 10}}]});
    assert_eq!(http(a, "PUT", "/v1/admin/loyalty/program", &[admin()], Some(program)).await.unwrap().0, 200);
    let award = json!({"customer_id": "cust-1", "points": 100, "reason": {"type": "manual", "note": "welcome"}});
    assert_eq!(http(b, "POST", "/v1/admin/loyalty/awards", &[admin()], Some(award)).await.unwrap().0, 201);

    // 20 redemptions of 30 points from a balance of 100, spread over both processes: 3 coupons.
    let mut tasks = Vec::new();
    for n in 0..20 {
        let addr = if n % 2 == 0 { a } else { b };
        tasks.push(tokio::spawn(async move {
            let key = ("Idempotency-Key", format!("rk-redeem-{n:04}-abcdef"));
            http(addr, "POST", "/v1/loyalty/redemptions", &[customer("cust-1"), key], Some(json!({"reward_id": "ten-off"})))
                .await
                .unwrap()
                .0
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 3, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 201 || *s == 409), "{statuses:?}");
    let (_, me) = http(b, "GET", "/v1/loyalty/me", &[customer("cust-1")], None).await.unwrap();
    assert_eq!(me["balance"], 10);

    // One key, 40 tries at once on both processes: one answer stored, every 201 the same.
    let def = json!({"id": "nps-lb", "kind": "nps", "question": {"en": "How likely…?"},
                     "display": {"triggers": [{"type": "page_view", "delay_seconds": 0}], "recontact": {"type": "once"}, "placement": "inline"}});
    assert_eq!(http(a, "PUT", "/v1/admin/surveys/nps-lb", &[admin()], Some(def)).await.unwrap().0, 200);
    let mut tasks = Vec::new();
    for n in 0..40 {
        let addr = if n % 2 == 0 { a } else { b };
        tasks.push(tokio::spawn(async move {
            let key = ("Idempotency-Key", "rk-one-key-for-all-0001".to_owned());
            http(addr, "POST", "/v1/surveys/nps-lb/responses", &[key], Some(json!({"score": 9}))).await.unwrap()
        }));
    }
    let mut created = Vec::new();
    for t in tasks {
        let (s, v) = t.await.unwrap();
        assert!(matches!(s, 201 | 409 | 503), "{s} {v}");
        if s == 201 {
            created.push(v);
        }
    }
    assert!(!created.is_empty());
    assert!(created.windows(2).all(|w| w[0] == w[1]), "every 201 is the one stored answer");
    let (_, stats) = http(b, "GET", "/v1/admin/surveys/nps-lb/stats", &[admin()], None).await.unwrap();
    assert_eq!(stats["responses"], 1);

    // A visitor keeps one unique code, whichever process asks.
    let offer = json!({"id": "stay", "headline": {"en": "Wait!"}, "body": {"en": "10% off"}, "code": {"type": "unique", "prefix": "STAY-"},
                       "display": {"triggers": [{"type": "exit_intent"}], "recontact": {"type": "once"}}});
    assert_eq!(http(a, "PUT", "/v1/admin/offers/stay", &[admin()], Some(offer)).await.unwrap().0, 200);
    let mut codes = Vec::new();
    for addr in [a, b, a, b] {
        let (_, v) = http(addr, "GET", "/v1/offers/active?url=/&visitor_id=v-lb-1", &[], None).await.unwrap();
        codes.push(v["offer"]["code"].as_str().unwrap().to_owned());
    }
    assert!(codes.windows(2).all(|w| w[0] == w[1]), "{codes:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_write_limit_is_one_limit_across_instances() {
    let i = postgres_or_skip!(two_servers(6).await); // a shopper: bursts of 2
    let [a, b] = i.addrs;
    let def = json!({"id": "nps-rl", "kind": "nps", "question": {"en": "How likely…?"},
                     "display": {"triggers": [{"type": "page_view", "delay_seconds": 0}], "recontact": {"type": "once"}, "placement": "inline"}});
    assert_eq!(http(a, "PUT", "/v1/admin/surveys/nps-rl", &[admin()], Some(def)).await.unwrap().0, 200);
    let visitor = || ("RK-Visitor", "v-shared".to_owned());
    let display = || Some(json!({"visitor_id": "v-shared"}));
    assert_eq!(http(a, "POST", "/v1/surveys/nps-rl/displays", &[visitor()], display()).await.unwrap().0, 201);
    assert_eq!(http(b, "POST", "/v1/surveys/nps-rl/displays", &[visitor()], display()).await.unwrap().0, 201);
    let (s, v) = http(a, "POST", "/v1/surveys/nps-rl/displays", &[visitor()], display()).await.unwrap();
    assert_eq!(s, 429, "the third write within the burst, on either process, is over the limit: {v}");
    assert_eq!(http(b, "POST", "/v1/surveys/nps-rl/displays", &[visitor()], display()).await.unwrap().0, 429);
}
