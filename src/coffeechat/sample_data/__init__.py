"""Made-up data for one account: a small demo story to explore, or a heavy load to measure.

fill.fill_account does the work; `coffeechat sample-data` (command.py) is its command. This
package imports nothing at load time, so the command costs `coffeechat --help` nothing.
"""
