"""`healthmesh eval`: DDXPlus dev patients and written vignettes through the REST API (or in process)."""
