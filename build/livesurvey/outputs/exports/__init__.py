"""Machine-readable exports of the survey: pure functions of the linked index.

Each format is declared once in :mod:`livesurvey.outputs.exports.formats`.
"""
