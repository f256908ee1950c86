"""The application around the library: what the `pipeline` command does besides parsing.

The command line (`pipeline.cli`) turns options into objects and calls one function here or in
the library for each command: the set-up check (`doctor`), the HTML report (`report`, its
duplicate clusters `report_duplicates`), `pipeline run`'s options turned into stages, reader,
executor and `Pipeline` (`run_options`), the models' download (`install`), the `--config` file
(`config`), the option values (`values`, `options`), the executor an option names
(`executor`), lines of text through stages (`lines`) and what the terminal is told
(`terminal`). A run's progress is the run's own (`pipeline.run.progress`).
"""
