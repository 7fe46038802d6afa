package io.momentic.core;

/** Whether an instrument trades on exchange days (equities: 252 a year) or around the clock (crypto: 365). */
public enum TradingCalendar {
  /** Exchange trading days and hours: 252 days a year. */
  EXCHANGE,
  /** 24/7 markets such as crypto spot: 365 days a year. */
  CONTINUOUS
}
