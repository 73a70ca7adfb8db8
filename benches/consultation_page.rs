//! The consultation page and the consultation's API answer at 1,000 and at 100,000 comments
//! (BENCH_SIZES, default "1000,100000"): their time must not grow with the comments. Starts the
//! service in-process over a fresh SQLite file (or BENCH_PG_URL=postgres://…/postgres: a fresh
//! database created here), stores the comments directly (70 % published in 300 groups of
//! identical texts, 10 % withheld, the rest waiting; a third of the groups answered), then
//! times 200 GETs of each. The proposal is a draft of BENCH_ARTICLES articles (default 200),
//! and half the comments are on an article (spread over all of them), so the page shows each
//! article with its count; the page of one article's comments (`?articulo=N`) is timed too.
//! BENCH_FEW_PUBLISHED=1 publishes one comment in a thousand instead (the rest waiting).
//! Run: `cargo bench --bench consultation_page`.

use std::time::{Duration, Instant};

use diesel::RunQueryDsl;
use tramites::db::consultations::{self as store, CommentRow, ResponseRow};

/// Median and 95th percentile of 200 GETs of `url`, in milliseconds.
async fn time(client: &reqwest::Client, url: &str) -> (f64, f64, usize) {
    let mut size = 0;
    for _ in 0..10 {
        size = client
            .get(url)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
            .len();
    }
    let mut all: Vec<Duration> = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let res = client.get(url).send().await.unwrap();
        assert!(res.status().is_success(), "{url}: {}", res.status());
        res.bytes().await.unwrap();
        all.push(t.elapsed());
    }
    all.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(all[100]), ms(all[190]), size)
}

/// A draft of `n` articles, each a sentence long.
fn draft(n: usize) -> String {
    let mut text = String::from("ACUERDO MINISTERIAL\nConsiderando que conviene simplificar.\n");
    for i in 1..=n {
        text.push_str(&format!(
            "\nArtículo {i}. Disposición {i}\nEl trámite {i} se hará en línea, sin copias ni sellos.\n"
        ));
    }
    text
}

// Each benchmark uses part of the shared set-up.
#[allow(dead_code)]
#[path = "support/mod.rs"]
mod support;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .unwrap_or_else(|_| "1000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    // BENCH_FEW_PUBLISHED=1: one comment in a thousand published, the rest waiting (a consultation
    // whose Committee has not moderated yet, issue 39).
    let few_published = std::env::var_os("BENCH_FEW_PUBLISHED").is_some();
    let articles: usize = std::env::var("BENCH_ARTICLES")
        .ok()
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let service = support::Service::start().await?;
    let (client, base, url) = (
        service.client.clone(),
        service.base.clone(),
        service.url.clone(),
    );
    let cid = service.open_consultation(&draft(articles)).await?;
    let mut conn = tramites::db::establish(&url)?;
    let mut stored = 0usize;
    println!("{articles} articles");
    println!("comments | page median ms | page p95 ms | page bytes | API median ms | API p95 ms | article page median ms | article page p95 ms");
    for &size in &sizes {
        tramites::db::write_tx(&mut conn, |conn| -> anyhow::Result<()> {
            for i in stored..size {
                let group = i % 300;
                let status = match (few_published, i % 10) {
                    (true, _) if i % 1000 == 0 => "published",
                    (true, _) => "received",
                    (false, 0) => "rejected",
                    (false, 1 | 2) => "received",
                    _ => "published",
                };
                let now = chrono::Utc::now().naive_utc();
                store::insert_comment(
                    conn,
                    &CommentRow {
                        id: uuid::Uuid::now_v7().to_string(),
                        consultation_id: cid.clone(),
                        tracking_code: format!("B-{i:09}"),
                        body: format!("Texto de campaña número {group}"),
                        group_key: format!("{group:064}"),
                        author_name: Some("Vecina".into()),
                        email: None,
                        organization: None,
                        status: status.into(),
                        received_at: now,
                        moderated_by: None,
                        moderated_at: Some(now),
                        reject_reason: Some("spam".into()),
                        reject_detail: None,
                        idempotency_key: None,
                        // Half on an article, spread over all of them.
                        article: (i % 2 == 0 && articles > 0)
                            .then(|| ((i / 2) % articles + 1).to_string()),
                        proposed_text: None,
                    },
                )?;
            }
            for group in (0..300).step_by(3) {
                store::set_response(
                    conn,
                    &ResponseRow {
                        consultation_id: cid.clone(),
                        group_key: format!("{group:064}"),
                        body: "Respuesta del Comité".into(),
                        responded_by: "bench".into(),
                        responded_at: chrono::Utc::now().naive_utc(),
                        outcome: None,
                        changed_articles: None,
                    },
                )?;
            }
            // The counters as the use cases would have left them.
            diesel::sql_query(format!(
                "DELETE FROM comment_groups WHERE consultation_id = '{cid}'"
            ))
            .execute(conn)?;
            diesel::sql_query(format!(
                "INSERT INTO comment_groups (consultation_id, group_key, published, size) \
                 SELECT consultation_id, group_key, SUM(CASE WHEN status = 'published' THEN 1 ELSE 0 END), \
                 COUNT(*) FROM comments WHERE consultation_id = '{cid}' GROUP BY consultation_id, group_key"
            ))
            .execute(conn)?;
            diesel::sql_query(format!(
                "DELETE FROM article_counts WHERE consultation_id = '{cid}'"
            ))
            .execute(conn)?;
            for (article, (received, published)) in
                tramites::db::drafts::recount_articles(conn, &cid)?
            {
                tramites::db::drafts::add_to_article(conn, &cid, &article, received, published)?;
            }
            let want = tramites::usecases::consultations::recount(conn, &cid)?;
            let have = tramites::db::counts::get(conn, &cid)?;
            tramites::db::counts::add(
                conn,
                &cid,
                tramites::db::counts::Delta {
                    received: want.received - have.received,
                    distinct: want.distinct - have.distinct,
                    published: want.published - have.published,
                    rejected: want.rejected - have.rejected,
                    answered: want.answered - have.answered,
                },
            )?;
            Ok(())
        })?;
        stored = size;
        let (pm, pp, bytes) = time(&client, &format!("{base}/consultas/{cid}")).await;
        let (am, ap, _) = time(&client, &format!("{base}/api/v1/consultations/{cid}")).await;
        let middle = articles / 2 + 1;
        let (xm, xp, _) = time(
            &client,
            &format!("{base}/consultas/{cid}?articulo={middle}"),
        )
        .await;
        println!("{size:>8} | {pm:>14.2} | {pp:>11.2} | {bytes:>10} | {am:>13.2} | {ap:>10.2} | {xm:>22.2} | {xp:>19.2}");
        // The consultation's report (300 text groups), as if read after it closed.
        let later = chrono::Utc::now() + chrono::Duration::days(400);
        let t = Instant::now();
        let report = tramites::usecases::consultation_report::report(
            &mut conn,
            &cid,
            later,
            tramites::domain::campaign::DEFAULT_SIMILARITY,
        )
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        println!(
            "{size:>8} | report of {} texts, {} received: {:.1} ms",
            report.items.len(),
            report.received,
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
    drop(conn);
    service.finish()?;
    Ok(())
}
