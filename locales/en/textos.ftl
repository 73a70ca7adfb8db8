# English catalog of the public pages (issue 37): the texts of data files and PDFs stay in Spanish so that
# their columns and words do not depend on who downloads them; see comun.ftl.
