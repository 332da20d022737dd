"""Everything the portal publishes, each output turning the site view into files."""
