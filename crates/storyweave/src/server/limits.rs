//! Request limits: the write rate (a token bucket counted in articles), page sizes, body size.

use super::error::ApiError;
use serde::Deserialize;
use std::sync::Mutex;
use std::time::Instant;

/// The limits a server enforces; every one has a command-line flag.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Most articles one write request may carry.
    pub max_batch: usize,
    /// Articles per second the write bucket refills with; 0 turns the rate limit off.
    pub write_rate: f64,
    /// Articles the write bucket holds when full: the largest burst.
    pub write_burst: f64,
    /// The largest `limit` a list accepts.
    pub max_page: usize,
    /// Write requests waiting for the writer before new ones are turned away with 503.
    pub write_queue: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 16 << 20,
            max_batch: 1000,
            write_rate: 200.0,
            write_burst: 2000.0,
            max_page: 500,
            write_queue: 64,
        }
    }
}

/// A token bucket: one token per article written, refilled continuously.
#[derive(Debug)]
pub struct WriteBucket {
    rate: f64,
    burst: f64,
    state: Mutex<(f64, Instant)>,
}

impl WriteBucket {
    /// A full bucket.
    pub fn new(rate: f64, burst: f64) -> Self {
        WriteBucket { rate, burst: burst.max(1.0), state: Mutex::new((burst.max(1.0), Instant::now())) }
    }

    /// Takes `n` tokens, or says how long to wait; a request larger than the whole bucket can never
    /// pass and is told so rather than told to retry.
    pub fn take(&self, n: usize) -> Result<(), ApiError> {
        if self.rate <= 0.0 {
            return Ok(());
        }
        let n = n as f64;
        if n > self.burst {
            return Err(ApiError::PayloadTooLarge(format!(
                "{n} articles in one request exceed the write burst of {} articles; split the batch",
                self.burst
            )));
        }
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let (tokens, at) = &mut *state;
        let now = Instant::now();
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * self.rate).min(self.burst);
        *at = now;
        if *tokens >= n {
            *tokens -= n;
            Ok(())
        } else {
            let wait = ((n - *tokens) / self.rate).ceil().max(1.0) as u64;
            Err(ApiError::TooManyRequests {
                message: format!(
                    "write rate limit: {} articles per second (burst {}); retry in {wait} s",
                    self.rate, self.burst
                ),
                retry_after: wait,
            })
        }
    }
}

/// `limit` and `offset` of a list request.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
pub struct PageQuery {
    /// Items per page (default 50).
    pub limit: Option<usize>,
    /// Items to skip (default 0).
    pub offset: Option<usize>,
}

/// A checked page: how many items to skip and return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Items skipped.
    pub offset: usize,
    /// Items returned at most.
    pub limit: usize,
}

/// Items per page when the request does not say.
pub const DEFAULT_PAGE: usize = 50;

impl Page {
    /// Checks a request's `limit` and `offset` against the server's largest page.
    pub fn from_query(q: &PageQuery, max_page: usize) -> Result<Page, ApiError> {
        let limit = q.limit.unwrap_or(DEFAULT_PAGE.min(max_page));
        if limit == 0 || limit > max_page {
            return Err(ApiError::BadRequest(format!(
                "`limit` must be between 1 and {max_page}, not {limit}"
            )));
        }
        Ok(Page { offset: q.offset.unwrap_or(0), limit })
    }

    /// The page of `items`, with the total, as the JSON every list answers with.
    pub fn slice<T: serde::Serialize>(&self, items: &[T]) -> serde_json::Value {
        let shown: Vec<&T> = items.iter().skip(self.offset).take(self.limit).collect();
        let next = (self.offset + shown.len() < items.len()).then_some(self.offset + shown.len());
        serde_json::json!({
            "total": items.len(),
            "offset": self.offset,
            "limit": self.limit,
            "next_offset": next,
            "items": shown,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_refuses_once_empty_and_names_the_wait() {
        let bucket = WriteBucket::new(1.0, 2.0);
        assert!(bucket.take(1).is_ok());
        assert!(bucket.take(1).is_ok());
        match bucket.take(1) {
            Err(ApiError::TooManyRequests { retry_after, .. }) => assert_eq!(retry_after, 1),
            other => panic!("expected 429, got {other:?}"),
        }
        assert!(matches!(bucket.take(3), Err(ApiError::PayloadTooLarge(_))));
    }

    #[test]
    fn pages_are_checked_and_sliced() {
        let q = PageQuery { limit: Some(2), offset: Some(1) };
        let page = Page::from_query(&q, 10).unwrap();
        let v = page.slice(&[1, 2, 3, 4]);
        assert_eq!(v["items"], serde_json::json!([2, 3]));
        assert_eq!(v["next_offset"], 3);
        assert!(Page::from_query(&PageQuery { limit: Some(11), offset: None }, 10).is_err());
        assert!(Page::from_query(&PageQuery { limit: Some(0), offset: None }, 10).is_err());
    }
}
