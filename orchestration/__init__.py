"""Dagster orchestration of the nightly kommunelager run."""
