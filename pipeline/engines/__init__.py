"""Engines behind small interfaces: language detectors and translators."""
