c = get_config()  # noqa
# The nbgrader course of class 8s (Stubs). Add your own settings anywhere in this file, e.g.
# c.LateSubmissionPlugin.penalty_method = 'zero'
# --- minicourse writes the lines below (your own lines anywhere in this file are kept) ---
c.CourseDirectory.root = '/work/main/classes/8s'
c.CourseDirectory.course_id = '8s'
c.CourseDirectory.db_url = 'sqlite:////work/main/classes/8s/gradebook.db'
c.Exchange.root = '/work/main/exchange'
c.Exchange.path_includes_course = True
c.Exchange.timezone = 'Etc/UTC'
c.OverwriteCells.add_missing_cells = True
c.ClearSolutions.code_stub = {'python': '# YOUR CODE HERE\nraise NotImplementedError()', 'R': '# YOUR CODE HERE\nfail()', 'matlab': "% YOUR CODE HERE\nerror('No Answer Given!')", 'octave': "% YOUR CODE HERE\nerror('No Answer Given!')", 'sas': '/* YOUR CODE HERE */\n %notImplemented;', 'java': '// YOUR CODE HERE'}
c.ClearSolutions.text_stub = 'YOUR ANSWER HERE'
