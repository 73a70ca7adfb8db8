//! The answers actix-http writes by itself, before any of our code runs: a request it cannot
//! parse (400), a request head larger than its buffer (431), a head that did not arrive within
//! the request timeout (408). It writes them with no body and none of our headers, and offers no
//! hook to change them, so the connection is wrapped: when the bytes it is about to write are
//! exactly one such answer — a status above, `content-length: 0`, no `content-type`, and nothing
//! after the head — they are replaced by the same answer with a problem+json body and the
//! security headers every other answer carries. Any other bytes pass through untouched.
//!
//! Our own error answers always carry a `content-type` (the error handlers make every one
//! problem+json or a Spanish page), so they can never match.

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use super::hygiene::API_CSP;
use super::problem::Problem;

/// A connection whose protocol-level error answers get problem+json bodies.
pub struct ProblemBodies<T> {
    io: T,
    /// A replacement answer accepted from the dispatcher but not yet all written.
    pending: Vec<u8>,
    written: usize,
}

impl<T> ProblemBodies<T> {
    /// Wraps a connection.
    pub fn new(io: T) -> Self {
        ProblemBodies {
            io,
            pending: Vec::new(),
            written: 0,
        }
    }
}

impl<T: AsyncWrite + Unpin> ProblemBodies<T> {
    /// Writes what remains of a replacement answer.
    fn poll_pending(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.written < self.pending.len() {
            let n = ready!(Pin::new(&mut self.io).poll_write(cx, &self.pending[self.written..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            self.written += n;
        }
        self.pending.clear();
        self.written = 0;
        Poll::Ready(Ok(()))
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for ProblemBodies<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for ProblemBodies<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        ready!(this.poll_pending(cx))?;
        if let Some(answer) = with_problem_body(buf) {
            this.pending = answer;
            this.written = 0;
            // Whatever does not go out now goes out on the flush or shutdown that follows.
            if let Poll::Ready(Err(err)) = this.poll_pending(cx) {
                return Poll::Ready(Err(err));
            }
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut this.io).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.poll_pending(cx))?;
        Pin::new(&mut this.io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.poll_pending(cx))?;
        Pin::new(&mut this.io).poll_shutdown(cx)
    }
}

/// The code of each answer actix-http makes by itself.
fn explain(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "bad_request",
        408 => "request_timeout",
        431 => "request_header_fields_too_large",
        _ => return None,
    })
}

/// When `buf` is exactly one empty-bodied protocol error answer, that answer with a
/// problem+json body and the security headers; otherwise `None`.
pub fn with_problem_body(buf: &[u8]) -> Option<Vec<u8>> {
    // The whole buffer must be one head and nothing else.
    let head = buf.strip_suffix(b"\r\n\r\n")?;
    if head.windows(4).any(|w| w == b"\r\n\r\n") {
        return None;
    }
    let head = std::str::from_utf8(head).ok()?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next()?;
    let mut parts = status_line.splitn(3, ' ');
    if !parts.next()?.starts_with("HTTP/1.") {
        return None;
    }
    let status: u16 = parts.next()?.parse().ok()?;
    let code = explain(status)?;
    let headers: Vec<&str> = lines.collect();
    let name_is = |line: &&str, name: &str| {
        line.split_once(':')
            .is_some_and(|(n, _)| n.trim().eq_ignore_ascii_case(name))
    };
    let empty = headers.iter().any(|h| {
        name_is(h, "content-length") && h.split_once(':').is_some_and(|(_, v)| v.trim() == "0")
    });
    if !empty || headers.iter().any(|h| name_is(h, "content-type")) {
        return None;
    }
    let (title, detail) = super::problem::protocol_words(code);
    let body = serde_json::to_string(&Problem {
        kind: format!("https://tramites.example/problems/{code}"),
        title,
        status,
        detail,
        code: code.to_string(),
        errors: None,
        guards: None,
    })
    .ok()?;
    let mut out = String::with_capacity(head.len() + body.len() + 400);
    out.push_str(status_line);
    out.push_str("\r\n");
    for line in headers.iter().filter(|h| !name_is(h, "content-length")) {
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str("content-type: application/problem+json\r\n");
    out.push_str(&format!("content-length: {}\r\n", body.len()));
    out.push_str("x-content-type-options: nosniff\r\n");
    out.push_str("referrer-policy: no-referrer\r\n");
    out.push_str("x-frame-options: DENY\r\n");
    out.push_str(&format!("content-security-policy: {API_CSP}\r\n"));
    out.push_str("cache-control: no-store\r\n\r\n");
    out.push_str(&body);
    Some(out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::with_problem_body;

    fn answer(bytes: &[u8]) -> (String, serde_json::Value) {
        let out = String::from_utf8(with_problem_body(bytes).expect("replaced")).unwrap();
        let (head, body) = out.split_once("\r\n\r\n").unwrap();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length: "))
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(length, body.len(), "content-length matches the body");
        (head.to_string(), serde_json::from_str(body).unwrap())
    }

    #[test]
    fn an_empty_400_gets_a_problem_body_and_keeps_its_other_headers() {
        let (head, body) = answer(
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\ndate: Sun, 22 Nov 2026 20:00:00 GMT\r\n\r\n",
        );
        assert!(head.starts_with("HTTP/1.1 400 Bad Request\r\n"));
        assert!(head.contains("connection: close"));
        assert!(head.contains("date: Sun, 22 Nov 2026"));
        assert!(head.contains("content-type: application/problem+json"));
        assert!(head.contains("x-content-type-options: nosniff"));
        assert_eq!(head.matches("content-length").count(), 1);
        assert_eq!(body["code"], "bad_request");
        assert_eq!(body["status"], 400);
    }

    #[test]
    fn an_empty_431_and_408_are_explained_too() {
        let (_, body) =
            answer(b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n\r\n");
        assert_eq!(body["code"], "request_header_fields_too_large");
        let (_, body) = answer(b"HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n");
        assert_eq!(body["code"], "request_timeout");
    }

    #[test]
    fn anything_else_passes_untouched() {
        let cases: [&[u8]; 7] = [
            // Our own problem answers carry a content-type.
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\ncontent-type: application/problem+json\r\n\r\n",
            // A body follows the head.
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 2\r\n\r\n{}",
            // Two answers in one write.
            b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\nHTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n",
            // Other statuses.
            b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n",
            b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n",
            // Not a head at all: part of a body.
            b"some body text ending in\r\n\r\n",
            // A non-empty length.
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 10\r\n\r\n",
        ];
        for case in cases {
            assert!(
                with_problem_body(case).is_none(),
                "{}",
                String::from_utf8_lossy(case)
            );
        }
    }
}
