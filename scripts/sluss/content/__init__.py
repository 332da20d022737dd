"""Reading content: files, front matter, the checker and its rules, Git history."""
