//! RFC 3161 stamps of the tree heads (issue 38) from a real authority: OpenSSL's `ts -reply`
//! behind a small local HTTP endpoint, with a test CA made by `openssl req`/`openssl x509`.
//! Every head's stored reply must pass `openssl ts -verify`; while the authority is down,
//! comments are still acknowledged and the stamps arrive after it returns.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::consultations::{comment, open_consultation, setup};
use crate::helpers::{spawn_app_with, TestApp};

fn openssl(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl (Debian's package) is installed");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A test CA and a time-stamping certificate it signed, and OpenSSL's TSA configuration.
fn authority(dir: &Path) {
    let subj_ca = "/CN=Tramites Test CA";
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            subj_ca,
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
    );
    openssl(
        dir,
        &[
            "req",
            "-new",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "tsa.key",
            "-out",
            "tsa.csr",
            "-subj",
            "/CN=Tramites Test TSA",
        ],
    );
    std::fs::write(
        dir.join("tsa.ext"),
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n\
         extendedKeyUsage=critical,timeStamping\n",
    )
    .unwrap();
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "tsa.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "tsa.pem",
            "-days",
            "2",
            "-extfile",
            "tsa.ext",
        ],
    );
    std::fs::write(dir.join("tsaserial"), "01\n").unwrap();
    std::fs::write(
        dir.join("ts.cnf"),
        format!(
            "[ tsa ]\ndefault_tsa = tsa_config1\n\n[ tsa_config1 ]\ndir = {}\n\
             serial = $dir/tsaserial\ncrypto_device = builtin\nsigner_cert = $dir/tsa.pem\n\
             certs = $dir/tsa.pem\nsigner_key = $dir/tsa.key\nsigner_digest = sha256\n\
             default_policy = 1.2.3.4.1\ndigests = sha256\naccuracy = secs:1\n\
             ordering = no\ntsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n",
            dir.display()
        ),
    )
    .unwrap();
}

/// Serves `openssl ts -reply` over HTTP on `listener`, one request per connection, until the
/// test ends.
fn serve(listener: TcpListener, dir: PathBuf) {
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            let (head_end, length) = loop {
                let read = stream.read(&mut chunk).unwrap_or(0);
                if read == 0 {
                    break (0, 0);
                }
                buf.extend_from_slice(&chunk[..read]);
                if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&buf[..end]).to_lowercase();
                    let length = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(0);
                    break (end + 4, length);
                }
            };
            while buf.len() < head_end + length {
                let read = stream.read(&mut chunk).unwrap_or(0);
                if read == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..read]);
            }
            let query = dir.join(format!("q{n}.tsq"));
            let reply = dir.join(format!("r{n}.tsr"));
            std::fs::write(&query, &buf[head_end..]).unwrap();
            let made = Command::new("openssl")
                .args(["ts", "-reply", "-config", "ts.cnf", "-queryfile"])
                .arg(&query)
                .arg("-out")
                .arg(&reply)
                .current_dir(&dir)
                .output()
                .unwrap();
            let body = if made.status.success() {
                std::fs::read(&reply).unwrap()
            } else {
                Vec::new()
            };
            let status = if body.is_empty() {
                "500 Internal Server Error"
            } else {
                "200 OK"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: application/timestamp-reply\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
        }
    });
}

/// `openssl ts -verify` of a stored reply against the bytes in `message`, with the test CA.
fn ts_verify(dir: &Path, reply: &Path, message: &Path) -> bool {
    let out = Command::new("openssl")
        .args(["ts", "-verify", "-CAfile", "ca.pem", "-in"])
        .arg(reply)
        .arg("-data")
        .arg(message)
        .current_dir(dir)
        .output()
        .unwrap();
    out.status.success() && String::from_utf8_lossy(&out.stdout).contains("Verification: OK")
}

async fn heads(app: &TestApp) -> Vec<Value> {
    let page: Value = app
        .get("/api/v1/transparency/tree-heads?limit=200")
        .await
        .json()
        .await
        .unwrap();
    page["items"].as_array().unwrap().clone()
}

/// Waits (up to `seconds`) for `done` to hold of the published heads.
async fn wait_for(app: &TestApp, seconds: u64, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let start = Instant::now();
    loop {
        let now = heads(app).await;
        if done(&now) {
            return now;
        }
        assert!(
            start.elapsed() < Duration::from_secs(seconds),
            "still waiting after {seconds} s: {now:?}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_head_gets_a_stamp_openssl_verifies_even_after_the_authority_was_down() {
    let dir = tempfile::tempdir().unwrap();
    authority(dir.path());
    // The authority's port, kept closed for now: it is down.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = spawn_app_with(json!({
        "tsa_url": format!("http://127.0.0.1:{port}/tsr"),
        "tsa_retry_seconds": 1,
        "tree_head_interval_seconds": 1,
    }))
    .await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    let res = comment(
        &app,
        cid,
        json!({"body": "Un comentario mientras la autoridad no responde"}),
        None,
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "acknowledged while the authority is down"
    );
    let code = res.json::<Value>().await.unwrap()["tracking_code"]
        .as_str()
        .unwrap()
        .to_string();

    // Heads are published without their stamp, and the page says they wait.
    let waiting = wait_for(&app, 30, |h| !h.is_empty()).await;
    assert!(waiting.iter().all(|h| h["timestamped"] == false));
    let size = waiting[0]["tree_size"].as_i64().unwrap();
    let res = app
        .get(&format!("/api/v1/transparency/tree-heads/{size}/timestamp"))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let page = app.get("/transparencia").await.text().await.unwrap();
    assert!(
        page.contains("esperan el sello") || page.contains("espera el sello"),
        "{page}"
    );
    // The receipt does not wait for the stamp.
    let receipt = app
        .get(&format!("/api/v1/comments/by-tracking/{code}/receipt"))
        .await;
    assert_eq!(receipt.status(), StatusCode::OK);

    // The authority returns: every head gets its stamp.
    let listener = TcpListener::bind(("127.0.0.1", port)).expect("the port is free again");
    serve(listener, dir.path().to_path_buf());
    let stamped = wait_for(&app, 60, |h| {
        !h.is_empty() && h.iter().all(|h| h["timestamped"] == true)
    })
    .await;
    for head in stamped {
        let size = head["tree_size"].as_i64().unwrap();
        let res = app
            .get(&format!("/api/v1/transparency/tree-heads/{size}/timestamp"))
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "application/timestamp-reply");
        let reply = dir.path().join(format!("head-{size}.tsr"));
        std::fs::write(&reply, res.bytes().await.unwrap()).unwrap();
        let message = dir.path().join(format!("head-{size}.txt"));
        let signed = format!(
            "{}\n{}\n{}",
            head["tree_size"],
            head["root_hash"].as_str().unwrap(),
            head["timestamp"].as_str().unwrap()
        );
        std::fs::write(&message, signed).unwrap();
        assert!(
            ts_verify(dir.path(), &reply, &message),
            "openssl ts -verify accepts it"
        );
        // The stamp is of that head's bytes, not of anything else.
        std::fs::write(&message, "otra cosa").unwrap();
        assert!(!ts_verify(dir.path(), &reply, &message));
    }
}
