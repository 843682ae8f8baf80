"""Draft checker for appraisal and checking units (thẩm định, kiểm tra): reads a draft as
sent (DOCX, TXT, HTML) and reports, rule by rule, what breaks the thể thức, the numbering,
the references, the authority and dates, or the amending instructions."""
