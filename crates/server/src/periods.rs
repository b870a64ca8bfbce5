//! The periods of a results query (`PeriodQuery`: interval, from, to), shared by a survey's
//! results and an offer's funnel: every period of the range, at most 400.

use crate::db::now;
use crate::error::ApiError;
use retainkit_contract::admin::{parse_day, Interval, PeriodQuery};
use retainkit_contract::FieldError;

/// Most periods one answer holds.
pub const MAX: usize = 400;

pub struct Periods {
    pub interval: Interval,
    /// The first day (since 1970-01-01) of each period, oldest first.
    pub starts: Vec<i64>,
    /// The last day asked for.
    pub to: i64,
}

impl Periods {
    /// From a query: `to` defaults to today, `from` to 11 periods before the one holding `to`.
    pub fn of(q: &PeriodQuery) -> Result<Periods, ApiError> {
        let interval = q.interval.unwrap_or_default();
        let day = |v: Option<&str>, name: &str| match v {
            None => Ok(None),
            Some(s) => parse_day(s).map(Some).ok_or_else(|| ApiError::field(name, FieldError::Invalid)),
        };
        let to = day(q.to.as_deref(), "to")?.unwrap_or(now().div_euclid(86_400));
        let from = day(q.from.as_deref(), "from")?.unwrap_or_else(|| interval.back(to, 11));
        if from > to {
            return Err(ApiError::field("from", FieldError::OutOfRange));
        }
        let mut starts = vec![interval.start(from)];
        while let Some(next) = starts.last().map(|s| interval.next(*s)).filter(|n| *n <= to) {
            if starts.len() == MAX {
                return Err(ApiError::field("from", FieldError::OutOfRange));
            }
            starts.push(next);
        }
        Ok(Periods { interval, starts, to })
    }

    /// The index of the period holding `day` (a day within the range).
    pub fn index(&self, day: i64) -> usize {
        self.starts.partition_point(|s| *s <= day).saturating_sub(1)
    }

    pub fn first(&self) -> i64 {
        self.starts[0]
    }
}
