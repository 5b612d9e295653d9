from mini_sdk import App, wx


class BubbleTea(App):
    global_data = {"api": "https://api.bubbletea.example"}

    def on_launch(self, options):
        wx.cloud.init(env="bubble-tea-1a2b")
